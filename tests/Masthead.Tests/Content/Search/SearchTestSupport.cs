using System.Security.Claims;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Content.Search;
using Masthead.Membership;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Masthead.Tests.Content.Search;

internal static class SearchTestSupport
{
    /// <summary>ContentSeed writes straight to the database, past the editor's index hook: tests rebuild.</summary>
    public static Task<int> RebuildIndexAsync(this TestApp app) =>
        app.WithIndexAsync(index => index.RebuildAsync(null, TestContext.Current.CancellationToken));

    public static async Task<T> WithIndexAsync<T>(this TestApp app, Func<ISearchIndex, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ISearchIndex>());
    }

    public static Task<SearchResults> SearchAsync(this TestApp app, string text, ReaderTier tier = ReaderTier.Anonymous,
        string? section = null, string[]? tags = null, int page = 1, int pageSize = 10) =>
        app.WithIndexAsync(index => index.SearchAsync(new SearchQuery(text, section, tags ?? [], page, pageSize), tier,
            TestContext.Current.CancellationToken));

    public static async Task<List<string>> SlugsAsync(this TestApp app, string text, ReaderTier tier = ReaderTier.Anonymous,
        string? section = null, string[]? tags = null) =>
        (await app.SearchAsync(text, tier, section, tags)).Hits.Select(h => h.Slug).ToList();

    /// <summary>Billing is not composed in these tests: any signed-in non-staff reader counts as PRO.</summary>
    public static Action<IServiceCollection> SignedInIsPro =>
        s => s.Replace(ServiceDescriptor.Scoped<IEntitlements, SignedInProEntitlements>());

    private sealed class SignedInProEntitlements : IEntitlements
    {
        public ValueTask<ReaderTier> TierAsync(ClaimsPrincipal? user, CancellationToken ct) => ValueTask.FromResult(
            user?.Identity?.IsAuthenticated != true ? ReaderTier.Anonymous
            : user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin) ? ReaderTier.Staff : ReaderTier.Pro);
    }

    public static Task SetTagKindAsync(this TestApp app, string slug, TagKind kind, string? name = null) =>
        app.WithDbAsync(async db =>
        {
            var tag = db.Tags.Single(t => t.Slug == slug);
            tag.Kind = kind;
            if (name is not null) tag.Name = name;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
}
