using System.Globalization;

namespace Masthead.Billing;

/// <summary>Amounts and currencies of different kinds met in one operation: a bug, never rounded away.</summary>
public sealed class CurrencyMismatchException(string left, string right)
    : InvalidOperationException($"Cannot combine amounts in {left} and {right}: convert one of them first.");

/// <summary>An amount of money in integer minor units (cents, fils) of an ISO 4217 currency.
/// Never a floating-point number: arithmetic is exact, rounding (tax) is explicit and in one place.
/// Stored as two columns, an amount (bigint) and the currency (char(3)).</summary>
public readonly record struct Money
{
    public long Minor { get; }
    public string Currency { get; }

    public Money(long minor, string currency)
    {
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException($"'{currency}' is not an ISO 4217 currency code (three capital letters).", nameof(currency));
        }
        Minor = minor;
        Currency = currency;
    }

    public static Money Zero(string currency) => new(0, currency);

    /// <summary>From major units written as text ("300", "25.00"), parsed exactly as a decimal string.</summary>
    public static Money Parse(string major, string currency)
    {
        var value = decimal.Parse(major, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var scaled = value * Pow10(CurrencyInfo.Decimals(currency));
        if (scaled != decimal.Truncate(scaled)) throw new FormatException($"{major} has more decimals than {currency} allows.");
        return new Money((long)scaled, currency);
    }

    public bool IsZero => Minor == 0;
    public bool IsNegative => Minor < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + Same(a, b).Minor), a.Currency);
    public static Money operator -(Money a, Money b) => new(checked(a.Minor - Same(a, b).Minor), a.Currency);
    public static Money operator *(Money a, long factor) => new(checked(a.Minor * factor), a.Currency);
    public static bool operator >(Money a, Money b) => a.Minor > Same(a, b).Minor;
    public static bool operator <(Money a, Money b) => a.Minor < Same(a, b).Minor;
    public static bool operator >=(Money a, Money b) => a.Minor >= Same(a, b).Minor;
    public static bool operator <=(Money a, Money b) => a.Minor <= Same(a, b).Minor;

    /// <summary>This amount times basisPoints/10000, rounded half away from zero (tax).</summary>
    public Money PercentBasisPoints(int basisPoints) => new(DivRound(checked(Minor * basisPoints), 10_000), Currency);

    /// <summary>The tax contained in a tax-inclusive amount: amount − amount·10000/(10000+bp).</summary>
    public Money IncludedTax(int basisPoints) =>
        new(Minor - DivRound(checked(Minor * 10_000), 10_000 + basisPoints), Currency);

    /// <summary>Divides by an integer, rounding half away from zero ("$300 a year is $25.00 a month").</summary>
    public Money DividedBy(long divisor) => new(DivRound(Minor, divisor), Currency);

    /// <summary>"$25.00", "KWD 7.500", "€9.99"; <paramref name="trimWholeUnits"/> gives "$300" rather than "$300.00".</summary>
    public string Format(bool trimWholeUnits = false)
    {
        var decimals = CurrencyInfo.Decimals(Currency);
        var factor = Pow10(decimals);
        var major = (decimal)Minor / factor;
        var digits = trimWholeUnits && Minor % (long)factor == 0 ? 0 : decimals;
        var number = Math.Abs(major).ToString("N" + digits, CultureInfo.InvariantCulture);
        var sign = Minor < 0 ? "-" : "";
        var symbol = CurrencyInfo.Symbol(Currency);
        return symbol.Length == 1 ? $"{sign}{symbol}{number}" : $"{sign}{symbol} {number}";
    }

    public override string ToString() => Format();

    private static Money Same(Money a, Money b) =>
        a.Currency == b.Currency ? b : throw new CurrencyMismatchException(a.Currency, b.Currency);

    private static long DivRound(long value, long divisor)
    {
        var quotient = Math.DivRem(value, divisor, out var remainder);
        if (Math.Abs(remainder) * 2 >= Math.Abs(divisor)) quotient += (value < 0) ^ (divisor < 0) ? -1 : 1;
        return quotient;
    }

    private static decimal Pow10(int n) => n switch { 0 => 1m, 2 => 100m, 3 => 1000m, _ => (decimal)Math.Pow(10, n) };
}

/// <summary>What the app needs to know about a currency: its minor-unit exponent and how to write it.
/// The Gulf dinars have three decimals; a table beats guessing from a culture.</summary>
public static class CurrencyInfo
{
    private static readonly HashSet<string> Zero = ["JPY", "KRW", "CLP", "VND", "ISK", "UGX", "XAF", "XOF"];
    private static readonly HashSet<string> Three = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    private static readonly Dictionary<string, string> Symbols = new()
    {
        ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥", ["ILS"] = "₪", ["TRY"] = "₺", ["INR"] = "₹",
    };

    public static int Decimals(string currency) => Zero.Contains(currency) ? 0 : Three.Contains(currency) ? 3 : 2;
    public static string Symbol(string currency) => Symbols.GetValueOrDefault(currency, currency);
}
