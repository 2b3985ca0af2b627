using Masthead.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Events;

/// <summary><see cref="Pending"/> until staff approve (shown on the event page) or reject it; <see cref="Answered"/>
/// once taken on air; <see cref="Merged"/> into another question, which took its votes.</summary>
public enum QuestionStatus { Pending = 0, Approved = 1, Rejected = 2, Answered = 3, Merged = 4 }

/// <summary>A question a registered member asks for a live Q&amp;A, plain text only (shown encoded, never as
/// markup). <see cref="Votes"/> counts its <see cref="EventQuestionVote"/> rows, kept by conditional updates.</summary>
public sealed class EventQuestion
{
    public long Id { get; set; }
    public int EventId { get; set; }
    public required string UserId { get; set; }
    /// <summary>The asker's name as shown beside the question (their display name when they asked).</summary>
    public string AskerName { get; set; } = "";
    public required string Text { get; set; }
    public QuestionStatus Status { get; set; }
    public int Votes { get; set; }
    public long? MergedIntoId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ModeratedAt { get; set; }
    public string? ModeratedBy { get; set; }
    public DateTime? AnsweredAt { get; set; }
}

/// <summary>One member's upvote of one question; the key makes a second vote impossible.</summary>
public sealed class EventQuestionVote
{
    public long QuestionId { get; set; }
    public required string UserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class EventQuestionConfiguration : IEntityTypeConfiguration<EventQuestion>
{
    public void Configure(EntityTypeBuilder<EventQuestion> b)
    {
        b.HasIndex(q => new { q.EventId, q.Status, q.Votes });
        b.HasIndex(q => new { q.EventId, q.UserId });
        b.Property(q => q.UserId).HasMaxLength(450);
        b.Property(q => q.AskerName).HasMaxLength(200);
        b.Property(q => q.Text).HasMaxLength(500);
        b.Property(q => q.ModeratedBy).HasMaxLength(256);
        b.HasOne<Event>().WithMany().HasForeignKey(q => q.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(q => q.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EventQuestion>().WithMany().HasForeignKey(q => q.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EventQuestionVoteConfiguration : IEntityTypeConfiguration<EventQuestionVote>
{
    public void Configure(EntityTypeBuilder<EventQuestionVote> b)
    {
        b.HasKey(v => new { v.QuestionId, v.UserId });
        b.Property(v => v.UserId).HasMaxLength(450);
        b.HasOne<EventQuestion>().WithMany().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.NoAction);
    }
}
