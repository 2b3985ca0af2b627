namespace Masthead.Billing.Admin;

/// <summary>Parses an amount typed by staff ("300", "25.00", "$25") into minor units by reading the digits,
/// never through a floating-point number. Refuses zero, negatives, too many decimals and anything else.</summary>
public static class MoneyInput
{
    public static bool TryParse(string? text, string currency, out Money money, out string error)
    {
        money = default;
        error = "";
        var t = (text ?? "").Trim();
        var symbol = CurrencyInfo.Symbol(currency);
        if (t.StartsWith(symbol, StringComparison.Ordinal)) t = t[symbol.Length..].Trim();
        if (t.EndsWith(currency, StringComparison.OrdinalIgnoreCase)) t = t[..^currency.Length].Trim();
        var decimals = CurrencyInfo.Decimals(currency);
        var example = decimals == 0 ? "300" : "300 or 25." + new string('0', decimals);
        if (t.Length == 0) { error = $"Enter an amount, for example {example}."; return false; }
        if (t.StartsWith('-')) { error = "The amount must be more than zero."; return false; }

        var parts = t.Split('.');
        var whole = parts[0];
        var fraction = parts.Length == 2 ? parts[1] : "";
        if (parts.Length > 2 || whole.Length is 0 or > 12 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit)
            || (parts.Length == 2 && fraction.Length == 0))
        {
            error = $"Enter the amount as digits, for example {example}.";
            return false;
        }
        if (fraction.Length > decimals)
        {
            error = decimals == 0 ? $"{currency} amounts have no decimals." : $"{currency} amounts have at most {decimals} decimals.";
            return false;
        }
        long minor = 0;
        foreach (var c in whole + fraction.PadRight(decimals, '0')) minor = checked(minor * 10 + (c - '0'));
        if (minor == 0) { error = "The amount must be more than zero."; return false; }
        money = new Money(minor, currency);
        return true;
    }

    /// <summary>Minor units back to the plain text the field accepts ("25.00").</summary>
    public static string Text(Money m)
    {
        var d = CurrencyInfo.Decimals(m.Currency);
        if (d == 0) return m.Minor.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var factor = d == 3 ? 1000 : 100;
        return $"{m.Minor / factor}.{(m.Minor % factor).ToString(new string('0', d), System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
