package classroom

import "embed"

// webFiles are the page: index.html, app.js, style.css and the vendored
// chart library (web/vendor/uplot: uPlot 1.6.32 from npm, MIT licence).
//
//go:embed web
var webFiles embed.FS
