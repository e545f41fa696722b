// A page that mentions key combinations or offers help probably explains how to leave
// a focus cycle (the ACT rule passes such pages); we cannot follow the instructions.
return /\b(ctrl|control|alt|esc|escape|shift\+|druk op|press|how to|help|hulp|uitleg)\b/i
  .test(document.body ? document.body.innerText : '');
