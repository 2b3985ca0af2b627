using System.ComponentModel.DataAnnotations;

namespace Masthead.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite defaults to a file under the data directory; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start. On by default so a fresh machine needs no set-up step.</summary>
    public bool MigrateOnStart { get; set; } = true;
}

/// <summary>Where the app keeps files: the SQLite database, uploaded media, the mail pickup folder.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    [Required]
    public string DataDirectory { get; set; } = "data";

    public string MediaDirectory => Path.Combine(DataDirectory, "media");
}
