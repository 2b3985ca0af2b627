using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Billing.Pages;

/// <summary>Shared by the checkout and payment-method pages: the posted card fields as plain strings,
/// copied into a <see cref="CardForm"/> (the number and code are never written back into the page).</summary>
internal abstract class CardFormPage : PageModel
{
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Expiry { get; set; }
    [BindProperty] public string? Cvc { get; set; }
    [BindProperty(Name = "Name")] public string? CardName { get; set; }

    public CardForm Card { get; private set; } = new();

    /// <summary>A refusal that is not about one field (declined card, price gone, trial used).</summary>
    public string? Problem { get; protected set; }

    public IReadOnlyList<(string Message, string? Anchor)> ErrorSummary => Card.Summary(Problem);

    protected CardForm PostedCard()
    {
        Card = new CardForm { Number = Number, Expiry = Expiry, Cvc = Cvc, Name = CardName };
        return Card;
    }
}
