namespace Masthead.Delivery.Dkim;

/// <summary>Mail:Dkim:Domain, Selector and PrivateKeyPath (PEM, RSA). Signing is on when all three are set.</summary>
public sealed class DkimOptions
{
    public const string Section = "Mail:Dkim";

    public string? Domain { get; set; }
    public string? Selector { get; set; }
    /// <summary>Relative paths resolve against the data directory.</summary>
    public string? PrivateKeyPath { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Domain) && !string.IsNullOrWhiteSpace(Selector) && !string.IsNullOrWhiteSpace(PrivateKeyPath);
}
