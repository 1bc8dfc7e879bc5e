using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Templates;

/// <summary>Named specs saved from the designer, per owner; saving a name again replaces it.</summary>
public sealed class TemplateStore(IDbContextFactory<LabDbContext> contexts, TimeProvider time)
{
    public async Task SaveAsync(string owner, string name, ExperimentSpec spec, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Templates.FirstOrDefaultAsync(t => t.Owner == owner && t.Name == name, cancellationToken);
        var json = JsonSerializer.Serialize(spec, SpecJson.Options);
        if (existing is null)
        {
            db.Templates.Add(new TemplateRecord { Owner = owner, Name = name, SpecJson = json, SavedAt = time.GetUtcNow() });
        }
        else
        {
            existing.SpecJson = json;
            existing.SavedAt = time.GetUtcNow();
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SpecTemplate>> ListAsync(string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Templates.AsNoTracking().Where(t => t.Owner == owner).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return [.. records.Select(t => new SpecTemplate(t.Name, JsonSerializer.Deserialize<ExperimentSpec>(t.SpecJson, SpecJson.Options)!, t.SavedAt))];
    }

    public async Task<bool> DeleteAsync(string owner, string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Templates.Where(t => t.Owner == owner && t.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
