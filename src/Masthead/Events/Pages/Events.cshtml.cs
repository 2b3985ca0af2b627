using Masthead.Content.Reading;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Events.Pages;

/// <summary><c>/events</c>: what is coming (soonest first, all of it: a newsroom runs a handful at a time) and what is
/// past (most recent first, paged with <c>?page=</c>). The same for every reader, so the signed-out view is cached.</summary>
[OutputCache(PolicyName = SiteModule.PublicCachePolicy)]
internal sealed class EventsModel(EventQueries queries, TimeProvider time) : PageModel
{
    /// <summary>Bounds the upcoming list; far more than a newsroom schedules at once.</summary>
    public const int UpcomingLimit = 50;

    public IReadOnlyList<EventCard> Upcoming { get; private set; } = [];
    public PageOf<EventCard> Past { get; private set; } = null!;
    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (!ModelState.IsValid || await queries.PastAsync(pageNumber, ct) is not { } past) return NotFound();
        Past = past;
        // Later pages are the archive: the upcoming list is on page 1 only.
        if (pageNumber == 1) Upcoming = await queries.UpcomingAsync(UpcomingLimit, ct);
        Now = time.GetUtcNow().UtcDateTime;
        return Page();
    }
}
