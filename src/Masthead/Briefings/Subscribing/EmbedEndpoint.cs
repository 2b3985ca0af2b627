using Masthead.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Subscribing;

/// <summary>POST /briefings/subscribe/embed: the target of the HTML snippet other sites paste (README.md).
/// A cross-site form cannot carry an antiforgery token, so this endpoint is built to be harmless without
/// one: it reads no cookies and acts for no signed-in reader, and the most it can do is create a PENDING
/// subscription and send one confirmation email (honeypot and a per-IP limit bound that). Nobody receives
/// a briefing until the owner of the address follows the link.</summary>
internal static class EmbedEndpoint
{
    public const string Path = "/briefings/subscribe/embed";
    public const string ThanksPath = "/briefings/thanks";

    public static void Map(WebApplication app) =>
        app.MapPost(Path, HandleAsync).DisableAntiforgery().RequireRateLimiting(SubscribeRateLimit.Name);

    private static async Task<IResult> HandleAsync(HttpRequest request, BriefingSubscriptions subscriptions,
        Data.MastheadDb db, CancellationToken ct)
    {
        if (!request.HasFormContentType) return Results.BadRequest();
        var form = await Site.BadRequests.ReadFormAsync(request, ct);
        // Bots fill every field; people never see this one. Same answer as a real signup.
        if (!string.IsNullOrEmpty(form["website"])) return Results.Redirect(ThanksPath);
        var email = EmailAddresses.Normalize(form["email"]);
        var slugs = form["list"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).Take(20).ToList();
        if (email is null || slugs.Count == 0)
        {
            var query = slugs.Count == 0 ? "" : "?" + string.Join("&", slugs.Select(s => "list=" + Uri.EscapeDataString(s)));
            return Results.Redirect("/briefings/subscribe" + query + (query.Length == 0 ? "?" : "&") + "invalid=1");
        }
        var listIds = await db.BriefingLists.Where(l => slugs.Contains(l.Slug)).Select(l => l.Id).ToListAsync(ct);
        var name = SignupInput.CleanName(form["name"]);
        await subscriptions.SubscribeAsync(email, name, listIds, "embed", ct);
        return Results.Redirect(ThanksPath);
    }
}
