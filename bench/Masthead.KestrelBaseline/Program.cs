// The floor under bench/pages.sh's anonymous figure: Kestrel alone returning the same bytes from memory,
// with no middleware at all. Usage: Masthead.KestrelBaseline FILE PORT (binds 127.0.0.1 only).
var bytes = File.ReadAllBytes(args[0]);
var port = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", () => Results.Bytes(bytes, "text/html; charset=utf-8"));
app.Run($"http://127.0.0.1:{port}");
