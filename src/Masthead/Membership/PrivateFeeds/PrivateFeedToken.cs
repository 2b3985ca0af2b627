using Masthead.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Membership.PrivateFeeds;

/// <summary>A member's one private feed token. The raw token exists only in the feed address the member was
/// shown; the row keeps its SHA-256, so a database leak hands out no feeds. One row per user: rotating
/// replaces the hash, revoking deletes the row.</summary>
public sealed class PrivateFeedToken
{
    public required string UserId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class PrivateFeedTokenConfiguration : IEntityTypeConfiguration<PrivateFeedToken>
{
    public void Configure(EntityTypeBuilder<PrivateFeedToken> b)
    {
        b.HasKey(t => t.UserId);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.Property(t => t.TokenHash).HasMaxLength(64);
        // Deleting an account deletes its feed with it.
        b.HasOne<User>().WithOne().HasForeignKey<PrivateFeedToken>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
