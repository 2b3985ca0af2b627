using Masthead.Content.Reading;
using Masthead.Membership;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Masthead.Content.Charts;

/// <summary>
/// | route                             | what                                                                   |
/// |-----------------------------------|------------------------------------------------------------------------|
/// | GET /charts/{id}-{fingerprint}.svg | the chart as an SVG file                                              |
/// | GET /charts/{id}-{fingerprint}.png | the chart as a PNG (email)                                            |
/// An image shows the data, so it obeys its article's access exactly as the body does (ContentAccess): a PRO
/// chart is refused (403) to anyone who may not read PRO, and the image of an article readers cannot see yet is
/// not found except for staff. The fingerprint covers the chart's data, so a URL names one drawing: cached for a
/// year as immutable (privately only, for a gated chart); an old fingerprint is redirected to the current one.
/// </summary>
internal static class ChartImageEndpoints
{
    public const string OpenCacheControl = "public, max-age=31536000, immutable";
    public const string GatedCacheControl = "private, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapChartImages(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/charts/{chartId:int}-{fingerprint}.svg", [HttpMethods.Get, HttpMethods.Head],
            (int chartId, string fingerprint, HttpContext http, ChartQueries queries, ChartImages images) =>
                ServeAsync(chartId, fingerprint, ".svg", http, queries, c => images.Svg(c), "image/svg+xml"));
        app.MapMethods("/charts/{chartId:int}-{fingerprint}.png", [HttpMethods.Get, HttpMethods.Head],
            (int chartId, string fingerprint, HttpContext http, ChartQueries queries, ChartImages images) =>
                ServeAsync(chartId, fingerprint, ".png", http, queries, c => images.Png(c), "image/png"));
        return app;
    }

    private static async Task<Results<FileContentHttpResult, RedirectHttpResult, NotFound, StatusCodeHttpResult>> ServeAsync(
        int chartId, string fingerprint, string extension, HttpContext http, ChartQueries queries, Func<ChartData, byte[]> draw, string contentType)
    {
        var ct = http.RequestAborted;
        var tier = await http.ReaderTierAsync(ct);
        if (await queries.FindAsync(chartId, ct) is not { } found || (!found.OwnerVisible && tier != ReaderTier.Staff))
            return TypedResults.NotFound();
        http.Response.Headers.CacheControl = "no-store";
        if (!ContentAccess.CanReadBody(tier, found.Access)) return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        var chart = found.Chart;
        if (!string.Equals(fingerprint, chart.Fingerprint, StringComparison.Ordinal))
            return TypedResults.Redirect(extension == ".svg" ? chart.SvgPath : chart.PngPath);
        http.Response.Headers.CacheControl = ContentAccess.IsOpenToEveryone(found.Access) ? OpenCacheControl : GatedCacheControl;
        return TypedResults.File(draw(chart), contentType);
    }
}
