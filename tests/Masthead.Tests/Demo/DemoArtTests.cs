using System.Xml.Linq;
using Masthead.Content;
using Masthead.Demo;

namespace Masthead.Tests.Demo;

public sealed class DemoArtTests
{
    [Fact]
    public void EveryDemoArticleParsesWithAUniqueValidSlugAndKnownTaxonomy()
    {
        var files = DemoArticleFile.LoadAll();
        var tags = DemoCatalog.Tags.Select(t => t.Slug).ToHashSet();
        Assert.True(files.Count >= 32);
        Assert.Equal(files.Count, files.Select(f => f.Slug).Distinct().Count());
        Assert.All(files, f =>
        {
            Assert.True(Slug.IsValid(f.Slug), f.Slug);
            Assert.Contains(f.Section, DemoCatalog.Sections.Select(s => s.Slug));
            Assert.All(f.Tags, t => Assert.Contains(t, tags));
            Assert.All(f.Authors, a => Assert.Contains(a, DemoCatalog.Authors.Select(x => x.Slug)));
        });
    }

    [Fact]
    public void HeroImagesAreWellFormedSvgAndTheSameForTheSameSeed()
    {
        foreach (var section in DemoCatalog.Sections)
        {
            var svg = HeroArt.Draw("some-slug", section.Slug, section.Name);
            var root = XDocument.Parse(svg).Root!;
            Assert.Equal("svg", root.Name.LocalName);
            Assert.Equal("0 0 1200 675", root.Attribute("viewBox")?.Value);
            Assert.Equal(svg, HeroArt.Draw("some-slug", section.Slug, section.Name));
            Assert.NotEqual(svg, HeroArt.Draw("another-slug", section.Slug, section.Name));
        }
        Assert.Equal("svg", XDocument.Parse(HeroArt.Portrait("nadia-haddad", "Nadia Haddad")).Root!.Name.LocalName);
    }

    [Fact]
    public void FrontMatterNotesAreDatedAfterPublication()
    {
        var file = DemoArticleFile.Parse("""
            ---
            title: "A title: with a colon"
            slug: a-title
            dek: Dek
            section: markets
            authors: thomas-everly
            tags: gulf
            access: pro
            days-ago: 2
            hours-ago: 3
            hero-alt: Alt
            hero-caption: Caption
            correction: 20h | Fixed a figure.
            ---
            Body text.
            """, "inline");
        Assert.Equal("A title: with a colon", file.Title);
        Assert.Equal(AccessLevel.Pro, file.Access);
        Assert.Equal(TimeSpan.FromHours(51), file.Age);
        var note = Assert.Single(file.Notes);
        Assert.Equal((ArticleNoteKind.Correction, TimeSpan.FromHours(20), "Fixed a figure."), (note.Kind, note.AfterPublication, note.Text));
        Assert.Equal("Body text.\n", file.Body);
    }
}
