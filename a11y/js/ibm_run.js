// Runs IBM's Equal Access engine (a11y.browser.ibm) in the page. The engine's build is
// put before this script in the same function body, so its `ace` stays local to this
// call and the page's own globals (a page may have its own `ace`) are left alone.
// Arguments: the policy ('WCAG_2_1'), the conformance levels to keep (['A', 'AA']), and
// the targets of the findings so far (axe and own checks), so an element both engines
// flag gets the same target string. Answers one JSON string: {results, rules} where a
// result is [rule, confidence, target, snippet, message, [criteria]] for every
// non-passing result of a VIOLATION-policy rule on a kept criterion.
const [POLICY, LEVELS, TARGETS] = arguments;
const done = arguments[arguments.length - 1];
try {
  const checker = new ace.Checker();
  const guide = checker.getGuidelines().find(g => g.id === POLICY);
  // rule id -> [{num, reasons}] for its criteria at a kept level, from the engine's own
  // metadata: a rule may only count for some of its reason codes.
  const criteriaOf = {};
  for (const cp of guide.checkpoints) {
    if (!LEVELS.includes(cp.wcagLevel)) continue;
    for (const r of cp.rules || []) {
      if (r.level !== 'VIOLATION') continue;
      (criteriaOf[r.id] = criteriaOf[r.id] || []).push({num: cp.num, reasons: r.reasonCodes || null});
    }
  }
  // Targets as axe writes them: steps joined by ' >>> ' into same-origin frames and
  // shadow roots. resolve() finds the element of one, pathOf() writes one for an element.
  const resolve = (t) => {
    let root = document, el = null;
    for (const step of t.split(' >>> ')) {
      if (el) root = el.shadowRoot || el.contentDocument;
      if (!root) return null;
      el = root.querySelector(step);
      if (!el) return null;
    }
    return el;
  };
  const localSel = (el) => {
    const root = el.getRootNode();
    const unique = (e) => e.id && root.querySelectorAll('#' + CSS.escape(e.id)).length === 1;
    if (unique(el)) return '#' + CSS.escape(el.id);
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== root.documentElement; e = e.parentElement) {
      let s = e.localName;
      const p = e.parentElement;
      if (p) {
        const same = [...p.children].filter(c => c.localName === e.localName);
        if (same.length > 1) s += ':nth-child(' + ([...p.children].indexOf(e) + 1) + ')';
      }
      parts.unshift(s);
      if (unique(e)) { parts[0] = '#' + CSS.escape(e.id); break; }
    }
    return parts.join(' > ') || 'html';
  };
  const pathOf = (el) => {
    const steps = [];
    for (let e = el; e;) {
      steps.unshift(localSel(e));
      const root = e.getRootNode();
      if (root instanceof ShadowRoot) e = root.host;
      else if (root !== document && root.defaultView) e = root.defaultView.frameElement;
      else e = null;
    }
    return steps.join(' >>> ');
  };
  // Where the engine is stricter than the W3C ACT rules' test cases, ACT wins: these
  // certain failures become potential ones (needs review), see a11y.browser.ibm_rules.
  const ACT_GUARDS = {
    // A table needs header cells only when it relates data in two directions: not a
    // single row or column, not when ARIA names its header cells, not when its role says
    // it is no table (ACT a25f45, bc4a75, 5effbb, d0f69e pass such tables).
    table_headers_exists: (t) => {
      const role = (t.getAttribute('role') || '').trim().toLowerCase();
      if (role && !['table', 'grid', 'treegrid'].includes(role)) return true;
      if (t.querySelector('[role=columnheader], [role=rowheader]')) return true;
      const rows = [...(t.rows || [])];
      return rows.length < 2 || Math.max(0, ...rows.map(r => r.cells.length)) < 2;
    },
  };
  const known = new Map();
  for (const t of TARGETS) {
    try {
      const el = resolve(t);
      if (el && !known.has(el)) known.set(el, t);
    } catch (e) { /* not a selector (an own check's 'html'), or a frame gone */ }
  }
  checker.check(document, [POLICY]).then(report => {
    const results = [], rules = {};
    for (const r of report.results) {
      if (r.value[0] !== 'VIOLATION' || r.value[1] === 'PASS') continue;
      const nums = (criteriaOf[r.ruleId] || [])
        .filter(m => !m.reasons || m.reasons.includes(r.reasonId)).map(m => m.num);
      if (!nums.length) continue;
      let el = r.node;
      if (el && el.nodeType === 9) el = el.documentElement;
      const isEl = el && el.nodeType === 1;
      let confidence = r.value[1];
      if (confidence === 'FAIL' && isEl && ACT_GUARDS[r.ruleId] && ACT_GUARDS[r.ruleId](el)) confidence = 'POTENTIAL';
      const target = (el && known.get(el)) || (isEl ? pathOf(el) : r.path.dom);
      results.push([r.ruleId, confidence, target, (isEl && snip(el)) || r.snippet || '', r.message || '', [...new Set(nums)]]);
      if (!rules[r.ruleId]) {
        rules[r.ruleId] = {
          help: checker.engine.getMessage(r.ruleId, 'group') || r.ruleId,
          url: checker.engine.getHelp(r.ruleId, r.reasonId) || '',
        };
      }
    }
    done(JSON.stringify({results, rules}));
  }).catch(e => done(JSON.stringify({error: String(e && e.message || e)})));
} catch (e) {
  done(JSON.stringify({error: String(e && e.message || e)}));
}
