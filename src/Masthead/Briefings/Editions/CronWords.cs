using System.Globalization;

namespace Masthead.Briefings.Editions;

/// <summary>Common five-field cron shapes in words for the admin ("Every day at 07:00"); anything
/// else is shown as the expression itself.</summary>
internal static class CronWords
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public static string Describe(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron)) return "Sent by hand";
        var f = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 5 || !int.TryParse(f[0], out var minute) || !int.TryParse(f[1], out var hour) || f[2] != "*" || f[3] != "*")
        {
            return $"Cron {cron}";
        }
        var at = string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}");
        return f[4] switch
        {
            "*" => $"Every day at {at}",
            "1-5" or "MON-FRI" => $"Weekdays at {at}",
            "0-4" or "SUN-THU" => $"Sunday to Thursday at {at}",
            var d when int.TryParse(d, out var day) && day is >= 0 and <= 7 => $"Every {Days[day]} at {at}",
            _ => $"Cron {cron}",
        };
    }
}
