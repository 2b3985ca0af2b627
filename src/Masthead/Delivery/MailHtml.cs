using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Masthead.Delivery;

/// <summary>Serves a message's HTML part for the admin mailbox's sandboxed iframe. Mail HTML is
/// untrusted and full of inline styles, so it gets its own response with a CSP that allows inline
/// styles but no scripts, no forms and no plugins, and is sandboxed to an opaque origin. Tokens in
/// it are masked as on the message page (<see cref="MailboxView"/>).</summary>
internal static class MailHtml
{
    public const string Csp =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data: https: http:; frame-ancestors 'self'; sandbox";

    public static async Task<Results<ContentHttpResult, NotFound>> Serve(string id, MailboxView mailbox, ClaimsPrincipal user,
        HttpContext context, CancellationToken ct)
    {
        var html = (await mailbox.OpenAsync(id, user, ct))?.Html;
        if (html is null) return TypedResults.NotFound();
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Csp;
        headers.XFrameOptions = "SAMEORIGIN";
        headers.CacheControl = "no-store";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
