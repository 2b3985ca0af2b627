using MimeKit;

namespace Masthead.Delivery.Bounces;

/// <summary>One failed recipient from a delivery status notification.</summary>
public sealed record BounceReport(string Recipient, string Status, bool Permanent, string? MessageKey, string? Diagnostic);

/// <summary>Reads DSNs (RFC 3464: multipart/report; report-type=delivery-status) with MimeKit.</summary>
public static class BounceParser
{
    public static IReadOnlyList<BounceReport> Parse(MimeMessage dsn)
    {
        var key = OriginalKey(dsn);
        var reports = new List<BounceReport>();
        foreach (var status in dsn.BodyParts.OfType<MessageDeliveryStatus>())
        {
            // The first group holds per-message fields; each following group describes one recipient.
            foreach (var group in status.StatusGroups.Skip(1))
            {
                var action = group["Action"]?.Trim();
                var code = group["Status"]?.Trim() ?? "";
                var recipient = AddressOf(group["Final-Recipient"]) ?? AddressOf(group["Original-Recipient"]);
                if (recipient is null || !string.Equals(action, "failed", StringComparison.OrdinalIgnoreCase) && !code.StartsWith('5')) continue;
                reports.Add(new BounceReport(recipient, code, code.StartsWith('5'), key, group["Diagnostic-Code"]?.Trim()));
            }
        }
        return reports;
    }

    /// <summary>The X-Masthead-Key we put on every message, from the returned message or its headers.</summary>
    private static string? OriginalKey(MimeMessage dsn)
    {
        foreach (var part in dsn.BodyParts.OfType<MessagePart>())
        {
            var value = part.Message?.Headers[Outbox.MessageIds.KeyHeader];
            if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
        }
        return null;
    }

    /// <summary>"rfc822; someone@example.com" → "someone@example.com", lower-case.</summary>
    private static string? AddressOf(string? field)
    {
        if (string.IsNullOrWhiteSpace(field)) return null;
        var semi = field.IndexOf(';');
        var address = (semi >= 0 ? field[(semi + 1)..] : field).Trim().Trim('<', '>').Trim();
        return address.Contains('@') && !Mailer.HasLineBreak(address) ? address.ToLowerInvariant() : null;
    }
}
