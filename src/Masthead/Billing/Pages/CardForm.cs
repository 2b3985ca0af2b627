using System.Globalization;
using Masthead.Billing.Gateway;

namespace Masthead.Billing.Pages;

/// <summary>The test-mode card form as posted (never bound to an entity), and its inline errors keyed by
/// input name. Parsing the "MM/YY" expiry is ours; everything about the card itself is the gateway's.</summary>
internal sealed class CardForm
{
    public string? Number { get; set; }
    public string? Expiry { get; set; }
    public string? Cvc { get; set; }
    public string? Name { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    /// <summary>Checks what the form itself owns (name, expiry format), then asks the gateway for a token.
    /// Returns null and fills <see cref="Errors"/> when anything is wrong.</summary>
    public string? Tokenize(TestPaymentGateway gateway)
    {
        Errors.Clear();
        if (string.IsNullOrWhiteSpace(Name)) Errors["Name"] = "Enter the name on the card.";
        else if (Name.Length > 200 || Name.Any(char.IsControl)) Errors["Name"] = "Enter the name as it appears on the card.";
        if (!TryParseExpiry(Expiry, out var month, out var year)) Errors["Expiry"] = "Enter the expiry date as MM/YY, for example 12/30.";
        if (string.IsNullOrWhiteSpace(Number)) Errors["Number"] = "Enter the card number.";
        if (string.IsNullOrWhiteSpace(Cvc)) Errors["Cvc"] = "Enter the 3-digit security code.";
        if (Errors.Count > 0) return null;

        var result = gateway.Tokenize(new TestCardInput(Number!.Trim(), month, year, Cvc!.Trim()));
        if (result.Succeeded) return result.Token;
        Errors[result.Field ?? "Number"] = result.Error ?? "That card could not be used.";
        return null;
    }

    /// <summary>Clears what must never be echoed back into a page: the number and the code.</summary>
    public void ForgetSecrets()
    {
        Number = null;
        Cvc = null;
    }

    /// <summary>The error summary lines: a general message first (no field), then each field's error linked to its input.</summary>
    public IReadOnlyList<(string Message, string? Anchor)> Summary(string? general)
    {
        var lines = new List<(string, string?)>();
        if (general is not null) lines.Add((general, null));
        foreach (var key in (string[])["Number", "Expiry", "Cvc", "Name"])
        {
            if (Errors.TryGetValue(key, out var message)) lines.Add((message, "card-" + key.ToLowerInvariant()));
        }
        return lines;
    }

    internal static bool TryParseExpiry(string? text, out int month, out int year)
    {
        month = year = 0;
        var parts = (text ?? "").Replace(" ", "", StringComparison.Ordinal).Split('/');
        return parts.Length == 2 && parts[0].Length is 1 or 2 && parts[1].Length is 2 or 4
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out month)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && month is >= 1 and <= 12;
    }
}
