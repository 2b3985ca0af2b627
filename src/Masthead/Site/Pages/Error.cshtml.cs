using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Site.Pages;

/// <summary>Shown for status-code re-execution (/error/404) and for unhandled exceptions (/error). The
/// exception handler re-executes with the original method, so POSTs land here too, without a token.</summary>
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    public int Code { get; private set; } = 500;

    public void OnGet(int? code) => Set(code);

    public void OnPost(int? code) => Set(code);

    private void Set(int? code)
    {
        Code = code is >= 400 and < 600 ? code.Value : 500;
        Response.StatusCode = Code;
    }

    public string Title => Code switch
    {
        404 => "Page not found",
        403 => "Not allowed",
        400 => "Bad request",
        405 => "Not allowed",
        429 => "Too many requests",
        >= 500 => "Something went wrong",
        _ => "Something went wrong",
    };
}
