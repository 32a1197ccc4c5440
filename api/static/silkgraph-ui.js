// Starts YASGUI with the server's configuration (read from the page, never from elsewhere)
// and opens a canned query in a new tab when its button is pressed.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("yasgui-config").textContent);
  var examples = JSON.parse(document.getElementById("examples").textContent);
  // Only completers that work offline: "property" and "class" would ask lov.linkeddata.es.
  Yasgui.Yasqe.defaults.autocompleters = config.yasqe.autocompleters.slice();
  config.endpointCatalogueOptions = {
    getData: function () { return [{ endpoint: config.requestConfig.endpoint }]; }
  };
  var yasgui = new Yasgui(document.getElementById("yasgui"), config);
  window.silkgraphYasgui = yasgui;
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var example = examples[Number(button.dataset.index)];
      var tab = yasgui.addTab(true, {
        name: example.title.slice(0, 40),
        yasqe: { value: example.query },
        requestConfig: { endpoint: config.requestConfig.endpoint }
      });
      tab.show();
      var yasqe = tab.getYasqe();
      if (yasqe) { yasqe.setValue(example.query); yasqe.query(); }
    });
  });
})();
