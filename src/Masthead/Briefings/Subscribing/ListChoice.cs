namespace Masthead.Briefings.Subscribing;

/// <summary>A briefing as offered on a form: what a reader needs to choose it.</summary>
public sealed record ListChoice(int Id, string Slug, string Name, string Description, string Cadence);

public enum SubscribeOutcome
{
    /// <summary>A confirmation email went out for the lists that were not yet active.</summary>
    ConfirmationSent,
    /// <summary>Every chosen list was already active: nothing sent, nothing changed.</summary>
    AlreadySubscribed,
    /// <summary>The signed-in reader's lists were activated without an email round-trip.</summary>
    Activated,
    /// <summary>None of the chosen lists exists or is open.</summary>
    NoLists,
}
