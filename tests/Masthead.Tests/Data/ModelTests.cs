using Masthead.Data;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masthead.Tests.Data;

/// <summary>What a start no longer checks each time, held here instead: the model in the code, its committed migrations
/// and the compiled model each provider's context loads (Data/CompiledModels) all describe the same schema. Fix a
/// failure with scripts/regenerate-migrations.sh, which rebuilds both.</summary>
public sealed class ModelTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task TheStartReadsTheSameAppliedMigrationsAsEfAndMigratesAnEmptyDatabase(Db provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.WithDbAsync(async db =>
        {
            var ours = await DataModule.AppliedMigrationsAsync(db);
            Assert.NotEmpty(ours);
            Assert.Equal(await db.Database.GetAppliedMigrationsAsync(), ours);

            // Without the history table the start sees nothing applied, so it migrates.
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"__EFMigrationsHistory\"");
            Assert.Empty(await DataModule.AppliedMigrationsAsync(db));
        });
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheModelHasNoChangesMissingFromTheMigrations(Db provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.WithDbAsync(db =>
        {
            Assert.False(db.Database.HasPendingModelChanges(), "the model has changes no migration carries");
            return Task.CompletedTask;
        });
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EachContextLoadsACompiledModelThatMatchesTheModelInTheCode(Db provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.WithDbAsync(db =>
        {
            var compiled = db.Model;
            var built = db.GetService<IDesignTimeModel>().Model;
            Assert.StartsWith("Masthead.Data.CompiledModels.", compiled.GetType().FullName);
            Assert.NotEqual(compiled.GetType(), built.GetType());
            Assert.Equal(Shape(built), Shape(compiled));
            Assert.Equal(Columns(built), Columns(compiled));
            return Task.CompletedTask;
        });
    }

    /// <summary>Every entity, property (type, nullability, converter, length), key, index, foreign key and navigation.</summary>
    private static List<string> Shape(IModel model) =>
        model.GetEntityTypes().SelectMany(e => e.GetProperties().Select(p =>
                    $"{e.Name}.{p.Name} {p.ClrType.Name} null={p.IsNullable} conv={p.GetValueConverter()?.GetType().Name} max={p.GetMaxLength()} col={p.GetColumnName()}")
                .Concat(e.GetKeys().Select(k => $"{e.Name} key {string.Join(",", k.Properties.Select(p => p.Name))}"))
                .Concat(e.GetIndexes().Select(i => $"{e.Name} index {string.Join(",", i.Properties.Select(p => p.Name))} unique={i.IsUnique} filter={i.GetFilter()}"))
                .Concat(e.GetForeignKeys().Select(f => $"{e.Name} fk {string.Join(",", f.Properties.Select(p => p.Name))} -> {f.PrincipalEntityType.Name} {f.DeleteBehavior}"))
                .Concat(e.GetNavigations().Select(n => $"{e.Name} nav {n.Name}"))
                .Append($"{e.Name} table {e.GetTableName()}"))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>The schema as SQL sees it: every table's columns with their store types.</summary>
    private static List<string> Columns(IModel model) =>
        model.GetRelationalModel().Tables.SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c.Name} {c.StoreType} null={c.IsNullable}"))
            .Order(StringComparer.Ordinal).ToList();
}
