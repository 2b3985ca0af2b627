using Microsoft.AspNetCore.Diagnostics;

namespace Masthead.Site;

/// <summary>The Development error page lists the request's headers and cookies. Someone's session cookie on a
/// screenshot or in a pasted bug report is a working sign-in, so before the page renders, the headers that carry
/// credentials are replaced with "[redacted]" (the page's cookie list is parsed from the Cookie header, so it
/// comes out empty). Runs only when that page handles an exception.</summary>
internal sealed class SecretHeadersRedaction : IDeveloperPageExceptionFilter
{
    public const string Redacted = "[redacted]";

    private static readonly string[] Secret = ["Cookie", "Authorization", "Proxy-Authorization"];

    public Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next)
    {
        var headers = errorContext.HttpContext.Request.Headers;
        foreach (var name in Secret)
        {
            if (headers.ContainsKey(name)) headers[name] = Redacted;
        }
        return next(errorContext);
    }
}
