using System.ComponentModel.DataAnnotations;

namespace Masthead.Delivery;

public enum MailTransportKind { Pickup, Smtp }

public sealed class MailOptions
{
    public const string Section = "Mail";

    public MailTransportKind Transport { get; set; } = MailTransportKind.Pickup;
    /// <summary>The pickup folder shows every reader's sign-in links to whoever reads it: in Production the app
    /// refuses to start with it unless this says so (a single-user install, a staging copy).</summary>
    public bool AllowPickupInProduction { get; set; }
    [Required, EmailAddress] public string FromAddress { get; set; } = "newsroom@localhost";
    [Required] public string FromName { get; set; } = "Masthead";
    /// <summary>Pickup folder for .eml files; defaults to {DataDirectory}/mail, relative paths resolve against DataDirectory.</summary>
    public string? PickupDirectory { get; set; }
    public string? SmtpHost { get; set; }
    [Range(1, 65535)] public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    /// <summary>Upgrade the connection with STARTTLS (required when set). Port 465 uses TLS on connect instead.</summary>
    public bool SmtpUseStartTls { get; set; } = true;
}
