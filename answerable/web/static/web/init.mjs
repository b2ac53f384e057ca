// Starts GOV.UK Frontend's components (header menu, error summary focus, details...).
// Every core journey works without it.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();
