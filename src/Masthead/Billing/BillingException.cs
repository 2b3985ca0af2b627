namespace Masthead.Billing;

/// <summary>A billing request that was refused: the message is written for the reader or the admin
/// and can be shown as is. Nothing was charged, granted or changed when this is thrown.</summary>
public sealed class BillingException(string message, string code = "refused") : Exception(message)
{
    /// <summary>A stable code for pages and tests: "trial_used", "invalid_transition", "card_declined", ...</summary>
    public string Code { get; } = code;
}
