using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.StaticAssets;

namespace Masthead.Accounts;

/// <summary>Who may open a route.</summary>
public enum Access
{
    /// <summary>Everyone, signed in or not (pages that check a signed link or token of their own included).</summary>
    Anyone,
    /// <summary>Any signed-in account: reader, PRO member or staff.</summary>
    SignedIn,
    /// <summary>Editors and admins: content, briefings and editions.</summary>
    Staff,
    /// <summary>Admins only: money, members and subscribers, mail and delivery, staff.</summary>
    Admin,
    /// <summary>Machines holding a shared secret the endpoint checks itself (a signature or key), never a session.</summary>
    Secret,
}

/// <summary>THE ROUTE TABLE: every route of the app and who may open it, written once (as listmonk's routing table
/// is). <see cref="RouteAccessDataSource"/> turns each row into the endpoint's authorization metadata, so no page or
/// handler carries an [Authorize] of its own; a route that is not listed is refused to everyone but admins and
/// named at start, and the access matrix test (tests/Masthead.Tests/Security/AccessMatrixTests) fails for it.
/// An editor writes, edits, schedules and corrects content and prepares and sends editions; an admin also manages
/// plans and prices, members and subscribers, refunds and billing, mail and delivery, and staff.</summary>
public static class RouteAccess
{
    public static readonly IReadOnlyDictionary<string, Access> Table = new Dictionary<string, Access>(StringComparer.OrdinalIgnoreCase)
    {
        // Reader site
        [""] = Access.Anyone,
        ["articles/{slug}"] = Access.Anyone,
        ["authors/{slug}"] = Access.Anyone,
        ["sections/{slug}"] = Access.Anyone,
        ["tags/{slug}"] = Access.Anyone,
        ["search"] = Access.Anyone,
        ["memos"] = Access.Anyone,
        ["trends"] = Access.Anyone,
        ["pricing"] = Access.Anyone,
        // Events: the listing and each event page (their POSTs ask for sign-in themselves; who may register is EventAccess's)
        ["events"] = Access.Anyone,
        ["events/{slug}"] = Access.Anyone,
        // Live Q&A: asking and voting (POSTs; who may take part is EventQuestions')
        ["events/{slug}/questions"] = Access.SignedIn,
        ["error/{code:int?}"] = Access.Anyone,
        ["{**path:file}"] = Access.Anyone,
        ["healthz"] = Access.Anyone,
        // Social cards (a PRO piece's too: headline and hero only), the logo and the favicon
        ["cards/articles/{slug}.png"] = Access.Anyone,
        ["cards/home.png"] = Access.Anyone,
        // Chart images: the endpoint applies the article's access itself (a PRO chart is refused to non-PRO readers)
        ["charts/{chartId:int}-{fingerprint}.svg"] = Access.Anyone,
        ["charts/{chartId:int}-{fingerprint}.png"] = Access.Anyone,
        ["logo.png"] = Access.Anyone,
        ["favicon.ico"] = Access.Anyone,
        // Feeds and sitemaps
        ["feed.xml"] = Access.Anyone,
        ["atom.xml"] = Access.Anyone,
        ["sections/{slug}/feed.xml"] = Access.Anyone,
        ["sections/{slug}/atom.xml"] = Access.Anyone,
        ["tags/{slug}/feed.xml"] = Access.Anyone,
        ["tags/{slug}/atom.xml"] = Access.Anyone,
        ["memos/feed.xml"] = Access.Anyone,
        ["memos/atom.xml"] = Access.Anyone,
        ["trends/feed.xml"] = Access.Anyone,
        ["trends/atom.xml"] = Access.Anyone,
        ["sitemap.xml"] = Access.Anyone,
        ["news-sitemap.xml"] = Access.Anyone,
        // A member's private full-text feed: the token in the address is the only key, never a session
        ["feeds/private/{token}/rss.xml"] = Access.Secret,
        ["feeds/private/{token}/atom.xml"] = Access.Secret,
        ["robots.txt"] = Access.Anyone,
        // Briefings: the signed links (confirm, preferences, unsubscribe) check their own signatures
        ["briefings"] = Access.Anyone,
        ["briefings/{slug}"] = Access.Anyone,
        ["briefings/{slug}/{date:length(10)}"] = Access.Anyone,
        ["briefings/subscribe"] = Access.Anyone,
        ["briefings/subscribe/embed"] = Access.Anyone,
        ["briefings/thanks"] = Access.Anyone,
        ["briefings/confirm"] = Access.Anyone,
        ["briefings/preferences"] = Access.Anyone,
        ["briefings/unsubscribe"] = Access.Anyone,
        // Accounts
        ["account/signin"] = Access.Anyone,
        ["account/signup"] = Access.Anyone,
        ["account/magic"] = Access.Anyone,
        ["account/check-email"] = Access.Anyone,
        ["account/signout"] = Access.Anyone,
        ["account/denied"] = Access.Anyone,
        ["account"] = Access.SignedIn,
        ["account/briefings"] = Access.SignedIn,
        ["account/billing"] = Access.SignedIn,
        ["account/billing/cancel"] = Access.SignedIn,
        ["account/billing/invoices/{number}"] = Access.SignedIn,
        ["account/billing/payment-method"] = Access.SignedIn,
        ["account/private-feed"] = Access.SignedIn,
        // Events core: the calendar feed's create, rotate and revoke forms; the feed itself opens by its token alone
        ["account/calendar"] = Access.SignedIn,
        ["calendar/{token}.ics"] = Access.Secret,
        ["billing/checkout"] = Access.SignedIn,
        // JSON API and machine endpoints
        ["api/v1/articles"] = Access.Anyone,
        ["api/v1/articles/{slug}"] = Access.Anyone,
        ["api/v1/bounces"] = Access.Secret,
        ["api/v1/billing/stripe/webhook"] = Access.Secret,
        // Admin: content and briefings (editors and admins)
        ["admin"] = Access.Staff,
        ["admin/articles"] = Access.Staff,
        ["admin/articles/{id}"] = Access.Staff,
        ["admin/articles/{id:int}/revisions/{revisionId:int}"] = Access.Staff,
        ["admin/articles/{id:int}/charts"] = Access.Staff,
        ["admin/charts/{id:int}"] = Access.Staff,
        // Trend report email to PRO members (issue 13 point 3): editors send it, as they send editions.
        ["admin/articles/{id:int}/email"] = Access.Staff,
        ["admin/authors"] = Access.Staff,
        ["admin/authors/{id}"] = Access.Staff,
        ["admin/sections"] = Access.Staff,
        ["admin/sections/{id}"] = Access.Staff,
        ["admin/tags"] = Access.Staff,
        ["admin/tags/{id}"] = Access.Staff,
        ["admin/media"] = Access.Staff,
        ["admin/briefings"] = Access.Staff,
        ["admin/briefings/{id:int}"] = Access.Staff,
        ["admin/briefings/{id:int}/editions"] = Access.Staff,
        ["admin/briefings/editions/{editionId:long}"] = Access.Staff,
        ["admin/briefings/editions/{id:long}/preview"] = Access.Staff,
        ["admin/briefings/embed"] = Access.Staff,
        // Admin: events (editorial work, so editors and admins alike, registrants and check-in included)
        ["admin/events"] = Access.Staff,
        ["admin/events/{id}"] = Access.Staff,
        ["admin/events/{id:int}/cancel"] = Access.Staff,
        ["admin/events/{id:int}/registrations"] = Access.Staff,
        ["admin/events/{id:int}/message"] = Access.Staff,
        ["admin/events/{id:int}/check-in"] = Access.Staff,
        ["admin/events/check-in/{code}"] = Access.Staff,
        // Admin: live Q&A moderation (and its list fragment, ?handler=List, for the self-refresh)
        ["admin/events/{id:int}/questions"] = Access.Staff,
        // Admin: people, money, mail (admins only)
        ["admin/members"] = Access.Admin,
        ["admin/members/{userId}"] = Access.Admin,
        ["admin/billing"] = Access.Admin,
        ["admin/plans"] = Access.Admin,
        ["admin/subscribers"] = Access.Admin,
        ["admin/subscribers/import"] = Access.Admin,
        ["admin/subscribers/export"] = Access.Admin,
        ["admin/suppressions"] = Access.Admin,
        ["admin/mail"] = Access.Admin,
        ["admin/mail/{id}"] = Access.Admin,
        ["admin/mail/{id}/html"] = Access.Admin,
        ["admin/delivery"] = Access.Admin,
    };

    private static readonly AuthorizeAttribute SignedIn = new();
    private static readonly AuthorizeAttribute Staff = new(Policies.Staff);
    private static readonly AuthorizeAttribute AdminOnly = new(Policies.Admin);

    /// <summary>A route pattern as the table writes it: no leading or trailing slash.</summary>
    public static string Key(string? pattern) => (pattern ?? "").Trim('/');

    /// <summary>The row for a pattern; null when the table has none.</summary>
    public static Access? For(string? pattern) => Table.TryGetValue(Key(pattern), out var access) ? access : null;

    /// <summary>Whether a role may open a route with this access (the matrix test writes its own expectations).</summary>
    public static bool Allows(Access access, bool signedIn, bool staff, bool admin) => access switch
    {
        Access.Anyone => true,
        Access.SignedIn => signedIn,
        Access.Staff => staff || admin,
        Access.Admin => admin,
        _ => false,
    };

    /// <summary>The endpoint with its row's authorization added; an unlisted route is closed to all but admins.</summary>
    internal static Endpoint Apply(Endpoint endpoint, ICollection<string> unlisted)
    {
        if (endpoint is not RouteEndpoint route || endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null) return endpoint;
        var access = For(route.RoutePattern.RawText);
        if (access is null) unlisted.Add(Key(route.RoutePattern.RawText));
        AuthorizeAttribute? rule = access switch
        {
            Access.Anyone or Access.Secret => null,
            Access.SignedIn => SignedIn,
            Access.Staff => Staff,
            _ => AdminOnly,
        };
        if (rule is null) return endpoint;
        return new RouteEndpoint(route.RequestDelegate!, route.RoutePattern, route.Order,
            new EndpointMetadataCollection([.. route.Metadata, rule]), route.DisplayName);
    }
}
