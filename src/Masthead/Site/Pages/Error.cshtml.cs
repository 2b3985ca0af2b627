using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Site.Pages;

/// <summary>Shown for status-code re-execution (/error/404) and for unhandled exceptions (/error). The
/// exception handler re-executes with the original method, so POSTs land here too, without a token.
/// The code is read from the route and the response, never from bound parameters: when the original
/// request's form is what could not be read, model binding fails here too and would leave it empty.</summary>
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    public int Code { get; private set; } = 500;
    /// <summary>What was wrong with the request, for bad input (see <see cref="BadRequests"/>).</summary>
    public string? Detail { get; private set; }

    public void OnGet() => Set();

    public void OnPost() => Set();

    private void Set()
    {
        // After an exception, the response already holds the status chosen for it (500, or 400/413 for bad input).
        int? code = int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c
            : HttpContext.Features.Get<IExceptionHandlerFeature>() is not null ? Response.StatusCode : null;
        Code = code is >= 400 and < 600 ? code.Value : 500;
        Response.StatusCode = Code;
        Detail = Code < 500 ? BadRequests.DetailFor(HttpContext) : null;
    }

    public string Title => Code switch
    {
        404 => "Page not found",
        403 => "Not allowed",
        400 => "Bad request",
        405 => "Not allowed",
        413 => "Request too large",
        429 => "Too many requests",
        >= 500 => "Something went wrong",
        _ => "Something went wrong",
    };
}
