// Marks the page as able to run GOV.UK Frontend's scripts. An external file, not the
// design system's usual inline snippet, because the content security policy allows no
// inline script.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
