using Masthead.Site;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Site;

/// <summary>The content memo keeps what it loads until content changes, and never keeps a value loaded across
/// a change: that value was read before the edit and would outlive it.</summary>
public sealed class ContentMemoTests
{
    private static ContentMemo NewMemo() =>
        new(Options.Create(new SiteOptions { OutputCacheSeconds = 600 }), new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T12:00:00Z")));

    [Fact]
    public async Task AValueIsLoadedOnceAndAgainAfterAClear()
    {
        var memo = NewMemo();
        var loads = 0;
        Task<string?> Load(CancellationToken _) => Task.FromResult<string?>($"v{++loads}");

        Assert.Equal("v1", await memo.GetAsync("k", Load, TestContext.Current.CancellationToken));
        Assert.Equal("v1", await memo.GetAsync("k", Load, TestContext.Current.CancellationToken));
        memo.Clear();
        Assert.Equal("v2", await memo.GetAsync("k", Load, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AValueLoadedWhileTheMemoIsClearedServesItsRequestButIsNotKept()
    {
        var memo = NewMemo();
        var slow = new TaskCompletionSource<string?>();
        var pending = memo.GetAsync("k", _ => slow.Task, TestContext.Current.CancellationToken);
        memo.Clear(); // an edit lands while the old value is being read
        slow.SetResult("before the edit");
        Assert.Equal("before the edit", await pending);

        var after = await memo.GetAsync("k", _ => Task.FromResult<string?>("after the edit"), TestContext.Current.CancellationToken);
        Assert.Equal("after the edit", after);
    }
}
