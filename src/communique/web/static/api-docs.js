// Starts the vendored Swagger UI on /api/docs over this server's OpenAPI description.
// validatorUrl null: no badge fetched from the public validator, nothing leaves the machine.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof SwaggerUIBundle !== "function") { return; }
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapi || "/openapi.json",
    domNode: root,
    validatorUrl: null,
    deepLinking: true,
    tryItOutEnabled: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
})();
