using System.Globalization;

namespace Masthead.Content.Admin.Pages;

/// <summary>Edit pages answer at /admin/things/new and /admin/things/{id}.</summary>
internal static class AdminIds
{
    public static bool TryParse(string? id, out int? value)
    {
        value = null;
        if (id == "new") return true;
        if (int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            value = n;
            return true;
        }
        return false;
    }
}
