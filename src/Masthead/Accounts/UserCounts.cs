using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Accounts;

/// <summary>Questions a start asks about accounts, as plain counts (see <see cref="PlainCommands"/>).</summary>
internal static class UserCounts
{
    /// <summary>Whether any account has one of these addresses (compared as Identity normalises them).</summary>
    public static async Task<bool> AnyWithEmailAsync(MastheadDb db, IEnumerable<string> emails)
    {
        var normalized = emails.Select(e => (object)e.ToUpperInvariant()).ToArray();
        var table = db.Model.FindEntityType(typeof(User))!.GetTableName();
        var list = string.Join(", ", normalized.Select((_, i) => "@p" + i));
        return await db.Database.CountAsync($"SELECT COUNT(*) FROM \"{table}\" WHERE \"NormalizedEmail\" IN ({list})", normalized) > 0;
    }
}
