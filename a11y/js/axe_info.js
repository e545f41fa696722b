// axe's version and the tags of the rules selected by the tags arguments[0].
return [axe.version, axe.getRules(arguments[0]).map(r => r.tags)];
