using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Briefings;

/// <summary>A free email briefing readers subscribe to (Middle East Minute, Gulf Briefing, ...).</summary>
public sealed class BriefingList
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Human wording shown to readers: "Daily, mornings", "Weekly".</summary>
    public string Cadence { get; set; } = "";
    /// <summary>Cron expression (Cronos, five fields) for automatic editions; null = editor sends by hand.</summary>
    public string? Schedule { get; set; }
    /// <summary>IANA time zone the schedule and send time are read in, e.g. "Asia/Dubai".</summary>
    public string TimeZone { get; set; } = "UTC";
    /// <summary>When true an automatic edition is sent without review; when false it waits as a draft.</summary>
    public bool AutoSend { get; set; }
    public required string FromName { get; set; }
    public required string FromAddress { get; set; }
    public string? ReplyTo { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>Order on signup forms and in the preference centre.</summary>
    public int Position { get; set; }

    // Edition rules: which visible articles an edition picks up.
    /// <summary>Space-separated section slugs; empty = any section.</summary>
    public string RuleSections { get; set; } = "";
    /// <summary>Space-separated tag slugs; an article with any of them matches; empty = any tag.</summary>
    public string RuleTags { get; set; } = "";
    public int RuleMaxItems { get; set; } = 8;

    // Templates (Liquid, rendered with Fluid). Empty = the built-in default template.
    public string SubjectTemplate { get; set; } = "";
    public string HtmlTemplate { get; set; } = "";
    public string TextTemplate { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

internal sealed class BriefingListConfiguration : IEntityTypeConfiguration<BriefingList>
{
    public void Configure(EntityTypeBuilder<BriefingList> b)
    {
        b.HasIndex(l => l.Slug).IsUnique();
        b.Property(l => l.Slug).HasMaxLength(120);
        b.Property(l => l.Name).HasMaxLength(200);
        b.Property(l => l.Description).HasMaxLength(1000);
        b.Property(l => l.Cadence).HasMaxLength(100);
        b.Property(l => l.Schedule).HasMaxLength(100);
        b.Property(l => l.TimeZone).HasMaxLength(64);
        b.Property(l => l.FromName).HasMaxLength(200);
        b.Property(l => l.FromAddress).HasMaxLength(256);
        b.Property(l => l.ReplyTo).HasMaxLength(256);
        b.Property(l => l.RuleSections).HasMaxLength(1000);
        b.Property(l => l.RuleTags).HasMaxLength(2000);
        b.Property(l => l.SubjectTemplate).HasMaxLength(500);
    }
}
