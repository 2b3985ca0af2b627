using Masthead.Accounts;
using Masthead.Content;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Masthead.Data;

/// <summary>The one DbContext. Each provider has a subclass that owns its migrations
/// (Data/Migrations/Sqlite, Data/Migrations/Postgres); code depends on this type only.</summary>
public abstract class MastheadDb(DbContextOptions options) : IdentityDbContext<User>(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleAuthor> ArticleAuthors => Set<ArticleAuthor>();
    public DbSet<ArticleTag> ArticleTags => Set<ArticleTag>();
    public DbSet<ArticleNote> ArticleNotes => Set<ArticleNote>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<ArticleMemo> ArticleMemos => Set<ArticleMemo>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<MagicLinkToken> MagicLinkTokens => Set<MagicLinkToken>();
    public DbSet<SignInBackoff> SignInBackoffs => Set<SignInBackoff>();
    public DbSet<Briefings.BriefingList> BriefingLists => Set<Briefings.BriefingList>();
    public DbSet<Briefings.Subscriber> Subscribers => Set<Briefings.Subscriber>();
    public DbSet<Briefings.Subscription> Subscriptions => Set<Briefings.Subscription>();
    public DbSet<Briefings.Suppression> Suppressions => Set<Briefings.Suppression>();
    public DbSet<Briefings.Edition> Editions => Set<Briefings.Edition>();
    public DbSet<Briefings.EditionItem> EditionItems => Set<Briefings.EditionItem>();
    public DbSet<Delivery.Outbox.OutboxMessage> Outbox => Set<Delivery.Outbox.OutboxMessage>();
    public DbSet<Content.Media.MediaAsset> MediaAssets => Set<Content.Media.MediaAsset>();
    public DbSet<Content.Charts.Chart> Charts => Set<Content.Charts.Chart>();
    public DbSet<Content.Charts.ChartSeries> ChartSeries => Set<Content.Charts.ChartSeries>();
    public DbSet<Content.Charts.SeriesPoint> SeriesPoints => Set<Content.Charts.SeriesPoint>();
    public DbSet<Billing.Plans.Plan> BillingPlans => Set<Billing.Plans.Plan>();
    public DbSet<Billing.Plans.Price> BillingPrices => Set<Billing.Plans.Price>();
    public DbSet<Billing.Subscriptions.MemberSubscription> BillingSubscriptions => Set<Billing.Subscriptions.MemberSubscription>();
    public DbSet<Billing.Subscriptions.BillingEvent> BillingEvents => Set<Billing.Subscriptions.BillingEvent>();
    public DbSet<Billing.Subscriptions.BillingCustomer> BillingCustomers => Set<Billing.Subscriptions.BillingCustomer>();
    public DbSet<Billing.Subscriptions.TrialClaim> BillingTrialClaims => Set<Billing.Subscriptions.TrialClaim>();
    public DbSet<Billing.Invoices.Invoice> BillingInvoices => Set<Billing.Invoices.Invoice>();
    public DbSet<Billing.Invoices.InvoiceLine> BillingInvoiceLines => Set<Billing.Invoices.InvoiceLine>();
    public DbSet<Billing.Invoices.InvoiceCounter> BillingInvoiceCounters => Set<Billing.Invoices.InvoiceCounter>();
    public DbSet<Billing.Stripe.StripeEvent> StripeEvents => Set<Billing.Stripe.StripeEvent>();
    public DbSet<Billing.Stripe.StripeSubscriptionLink> StripeSubscriptions => Set<Billing.Stripe.StripeSubscriptionLink>();
    public DbSet<Billing.Stripe.StripeInvoiceLink> StripeInvoices => Set<Billing.Stripe.StripeInvoiceLink>();
    public DbSet<Billing.Stripe.StripeChargeRefund> StripeChargeRefunds => Set<Billing.Stripe.StripeChargeRefund>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MastheadDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every DateTime is UTC. SQLite hands values back as Unspecified; mark them UTC on the way
        // out so they compare and serialise the same on both providers.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <summary>Internal, not private: the compiled models (Data/CompiledModels) construct it.</summary>
    internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteMastheadDb(DbContextOptions<SqliteMastheadDb> options) : MastheadDb(options);

public sealed class PostgresMastheadDb(DbContextOptions<PostgresMastheadDb> options) : MastheadDb(options);
