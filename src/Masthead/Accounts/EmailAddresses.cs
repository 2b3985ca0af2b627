using System.ComponentModel.DataAnnotations;
using Masthead.Delivery;

namespace Masthead.Accounts;

internal static class EmailAddresses
{
    private static readonly EmailAddressAttribute Format = new();

    /// <summary>Trims and lower-cases an address, or returns null when it is not one we can mail.
    /// Lower case keeps one account and one rate-limit bucket per mailbox in practice.</summary>
    public static string? Normalize(string? input)
    {
        var email = input?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || Mailer.HasLineBreak(email)) return null;
        if (!Format.IsValid(email) || email.Count(c => c == '@') != 1) return null;
        var domain = email[(email.IndexOf('@') + 1)..];
        if (domain.Length == 0 || domain.StartsWith('.') || domain.EndsWith('.') || email.Any(char.IsWhiteSpace)) return null;
        return MimeKit.MailboxAddress.TryParse(email, out var parsed) && parsed.Address == email ? email : null;
    }
}
