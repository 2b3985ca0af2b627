using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Accounts;

public sealed class User : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class Roles
{
    public const string Reader = "reader";
    public const string Editor = "editor";
    public const string Admin = "admin";
    public static readonly string[] All = [Reader, Editor, Admin];
    /// <summary>Roles that may use /admin.</summary>
    public const string Staff = Editor + "," + Admin;
}

/// <summary>A single-use sign-in link. Only the SHA-256 of the token is stored.</summary>
public sealed class MagicLinkToken
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>Where to go after signing in; a local path only.</summary>
    public string? ReturnUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b) => b.Property(u => u.DisplayName).HasMaxLength(200);
}

internal sealed class MagicLinkTokenConfiguration : IEntityTypeConfiguration<MagicLinkToken>
{
    public void Configure(EntityTypeBuilder<MagicLinkToken> b)
    {
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.Email);
        b.Property(t => t.Email).HasMaxLength(256);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.Property(t => t.ReturnUrl).HasMaxLength(500);
    }
}
