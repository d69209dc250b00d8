// Loaded (not deferred) straight after <body> opens, before anything is drawn: GOV.UK Frontend's
// styles for enhanced components apply only under these classes. A file rather than an inline
// script, so the Content-Security-Policy needs no 'unsafe-inline', hash or nonce.
document.body.className +=
  " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
