using System.Net;
using Masthead.Tests.Support;

namespace Masthead.Tests.Accounts;

/// <summary>Steps shared by the account tests.</summary>
internal static class AccountFlows
{
    public static Task<HttpResponseMessage> RequestLinkAsync(this HttpClient client, string email, string? returnUrl = null)
    {
        var fields = new Dictionary<string, string> { ["Email"] = email };
        if (returnUrl is not null) fields["ReturnUrl"] = returnUrl;
        return client.PostFormAsync("/account/signin?handler=Link", fields);
    }

    /// <summary>The path and query of the newest magic link mailed to <paramref name="email"/>, once the outbox
    /// has delivered what was queued (so an older link is never mistaken for the newest).</summary>
    public static async Task<string> LatestLinkAsync(this TestApp app, string email)
    {
        await app.DeliverQueuedAsync();
        var message = Mailbox.Latest(app.MailDirectory, email) ?? throw new InvalidOperationException($"no mail to {email}");
        var link = Mailbox.FindLink(message, "/account/magic?token=") ?? throw new InvalidOperationException("no magic link in the mail");
        return Mailbox.PathAndQuery(link);
    }

    /// <summary>Submits the confirmation button on the magic-link page.</summary>
    public static Task<HttpResponseMessage> UseLinkAsync(this HttpClient client, string pathAndQuery) =>
        client.PostFormAsync("/account/magic", new() { ["Token"] = TokenOf(pathAndQuery) }, formPage: "/account/signin");

    public static string TokenOf(string pathAndQuery) =>
        WebUtility.UrlDecode(pathAndQuery[(pathAndQuery.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    /// <summary>The redirect target as a local path, whether the header is absolute or relative.</summary>
    public static string? LocalLocation(this HttpResponseMessage response) =>
        response.Headers.Location is not { } l ? null : l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString;

    public static async Task<bool> IsSignedInAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/account", TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
