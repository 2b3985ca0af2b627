using Microsoft.AspNetCore.Mvc;

namespace Masthead.Briefings.Subscribing;

/// <summary>The signup box on the home and article pages:
/// <c>@await Component.InvokeAsync("BriefingSignup", new { source = "home" })</c>. It holds nothing
/// personal for anonymous readers, so output-cached pages can include it.</summary>
public sealed class BriefingSignupViewComponent(SignupForms forms) : ViewComponent
{
    public const string ViewPath = "/Briefings/Subscribing/_SignupForm.cshtml";

    public async Task<IViewComponentResult> InvokeAsync(string source, string? section = null, IEnumerable<string>? tags = null)
    {
        var ct = HttpContext.RequestAborted;
        var email = SignupInput.SignedInEmail(UserClaimsPrincipal);
        var view = source == "article"
            ? await forms.ForArticleAsync(section, tags ?? [], email, ct)
            : await forms.ForHomeAsync(email, ct);
        return View(ViewPath, view);
    }
}
