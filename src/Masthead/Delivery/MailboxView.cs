using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Masthead.Accounts;
using Microsoft.AspNetCore.WebUtilities;
using MimeKit;

namespace Masthead.Delivery;

/// <summary>A link found in a message, as the mailbox may show it; <paramref name="HiddenBecause"/> is set when its
/// token was masked.</summary>
public sealed record MailLink(string Url, string? HiddenBecause);

/// <summary>A message as one admin may see it in the mailbox.</summary>
public sealed record MailView(MimeMessage Message, string? Text, string? Html, IReadOnlyList<MailLink> Links, bool Masked);

/// <summary>What the admin mailbox shows of a message. The pickup folder holds every reader's mail, and a link
/// with a token in it acts as its reader: a magic link signs in as them; confirmation, preference-centre and
/// unsubscribe links act on their subscription, and never expire. So in a message that is not addressed to the
/// viewing admin, every token-bearing link (a <c>token</c>, <c>code</c>, <c>sig</c> or <c>signature</c> query
/// parameter, whatever the path, so links added later are covered) is shown with its token replaced by
/// <see cref="Mask"/>, in the text part, the HTML part (attributes included) and the link list. A magic link that
/// is already used or expired is shown whole: it signs in nobody. The admin's own messages are shown whole, so the
/// local first run still works: ask for a link for yourself, open it from /admin/mail.</summary>
public sealed partial class MailboxView(PickupMailbox mailbox, MagicLinks magicLinks)
{
    public const string Mask = "•••••";
    public const string SignInHidden = "sign-in link hidden: it would sign you in as this reader";
    public const string PersonalHidden = "personal link hidden: it would act for this reader";

    private static readonly string[] TokenParameters = ["token", "code", "sig", "signature"];

    /// <summary>Shorter values are not secrets worth hiding, and replacing them everywhere would mangle the text.</summary>
    private const int MinTokenLength = 16;

    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    public async Task<MailView?> OpenAsync(string? id, ClaimsPrincipal viewer, CancellationToken ct)
    {
        var message = mailbox.Load(id);
        return message is null ? null : await ViewAsync(message, viewer.FindFirstValue(ClaimTypes.Email), ct);
    }

    public async Task<MailView> ViewAsync(MimeMessage message, string? viewerEmail, CancellationToken ct)
    {
        string? text = message.TextBody, html = message.HtmlBody;
        var hidden = IsOnlyFor(message, viewerEmail) ? new Dictionary<string, string>() : await LiveTokensAsync(text, html, ct);
        foreach (var token in hidden.Keys)
        {
            text = Hide(text, token);
            html = Hide(html, token);
        }
        var links = Links(message.TextBody).Select(url => hidden.FirstOrDefault(h => url.Contains(h.Key, StringComparison.Ordinal)) is { Key: not null } h
                ? new MailLink(Hide(url, h.Key)!, h.Value)
                : new MailLink(url, null))
            .ToList();
        return new MailView(message, text, html, links, hidden.Count > 0);
    }

    /// <summary>Addressed to the viewer alone (To and Cc): then every link in it is theirs to follow.</summary>
    private static bool IsOnlyFor(MimeMessage message, string? viewerEmail)
    {
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).ToList();
        return !string.IsNullOrEmpty(viewerEmail) && recipients.Count > 0
            && recipients.All(m => string.Equals(m.Address, viewerEmail, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every token value in the message's links (the HTML's attributes decoded first), with why it is hidden.</summary>
    private async Task<Dictionary<string, string>> LiveTokensAsync(string? text, string? html, CancellationToken ct)
    {
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var link in Links(text).Concat(Links(html is null ? null : WebUtility.HtmlDecode(html))))
        {
            if (!Uri.TryCreate(link, UriKind.Absolute, out var uri)) continue;
            foreach (var (name, values) in QueryHelpers.ParseQuery(uri.Query))
            {
                if (!TokenParameters.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
                foreach (var value in values)
                {
                    if (value is not { Length: >= MinTokenLength } || tokens.ContainsKey(value)) continue;
                    var signIn = uri.AbsolutePath.Equals(MagicLinks.Path, StringComparison.OrdinalIgnoreCase);
                    // Stored hashed: a token with no usable row (used, expired) signs in nobody.
                    if (signIn && await magicLinks.PeekAsync(value, ct) is null) continue;
                    tokens[value] = signIn ? SignInHidden : PersonalHidden;
                }
            }
        }
        return tokens;
    }

    /// <summary>Addresses for the admin's eyes: names without bidi or control characters (mail from before names were
    /// cleaned, or from outside), so a name cannot reorder the text around it. Razor encodes the rest.</summary>
    public static string Display(InternetAddressList addresses) => string.Join(", ", addresses.Mailboxes.Select(m =>
        PersonNames.Clean(m.Name) is { } name ? $"{name} <{m.Address}>" : m.Address));

    private static string? Hide(string? content, string token) => content?
        .Replace(token, Mask, StringComparison.Ordinal)
        .Replace(Uri.EscapeDataString(token), Mask, StringComparison.Ordinal);

    private static IEnumerable<string> Links(string? content) =>
        content is null ? [] : LinkPattern().Matches(content).Select(m => m.Value).Distinct(StringComparer.Ordinal);
}
