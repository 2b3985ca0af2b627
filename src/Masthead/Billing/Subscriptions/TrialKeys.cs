namespace Masthead.Billing.Subscriptions;

/// <summary>The keys that make "one trial per person": the account, the normalised email (lower case,
/// trimmed, "+tag" dropped so name+1@ and name+2@ count as one person) and the card fingerprint.</summary>
public static class TrialKeys
{
    public const string UsedMessage =
        "You have already had a free trial of PRO (with this account, email address or card), so another one cannot start. Nothing has been charged.";

    /// <summary>The same fact where no trial was asked for (the pricing and account pages).</summary>
    public const string UsedNotice = "You have already had your free trial, so PRO starts with your first payment.";

    public static IReadOnlyList<string> For(string userId, string email, string? cardFingerprint)
    {
        var keys = new List<string> { "account:" + userId, "email:" + NormaliseEmail(email) };
        if (cardFingerprint is { Length: > 0 }) keys.Add(Card(cardFingerprint));
        return keys;
    }

    public static string Card(string fingerprint) => "card:" + fingerprint;

    public static string NormaliseEmail(string email)
    {
        var e = email.Trim().ToLowerInvariant();
        var at = e.LastIndexOf('@');
        if (at <= 0) return e;
        var local = e[..at];
        var plus = local.IndexOf('+');
        return (plus > 0 ? local[..plus] : local) + e[at..];
    }
}
