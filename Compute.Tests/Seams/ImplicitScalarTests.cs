using System.Reflection;
using System.Reflection.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace LocalityLab.Compute.Tests.Seams;

/// <summary>
/// No TorchSharp <c>Scalar</c> is made by an implicit conversion in the engine (issue 21): such a temporary has no owner,
/// so the garbage collector may finalise it while libtorch still reads it ("Unknown scalar type", or "Expected false to be
/// true ... toFloat at c10/core/Scalar.h:140", seen in 2 of 12 remote-worker runs). Every Scalar is explicit and owned: a
/// <c>using</c> local, or a cached static. The engine's sources are compiled here with Roslyn and every implicit
/// user-defined conversion to Scalar is listed, with every use of TorchSharp's operators on a primitive (<c>t * 2.0</c>):
/// in 0.107 they are <c>left.mul(right)</c> with the same implicit conversion inside.
/// </summary>
public sealed class ImplicitScalarTests
{
    [Fact]
    public void No_engine_source_converts_to_a_TorchSharp_Scalar_implicitly()
    {
        var compilation = EngineSources.Compile();
        var scalar = compilation.GetTypeByMetadataName("TorchSharp.Scalar");
        Assert.NotNull(scalar);

        var found = compilation.SyntaxTrees.SelectMany(tree => ImplicitScalars(compilation, tree, scalar!))
            .Select(site => $"{Path.GetRelativePath(EngineSources.Folder, site.Path)}:{site.Line}: {site.Text}")
            .ToList();

        Assert.True(found.Count == 0, $"{found.Count} implicit conversions to TorchSharp.Scalar:\n{string.Join("\n", found)}");
    }

    [Fact]
    public void The_check_sees_an_implicit_conversion_when_there_is_one()
    {
        var compilation = EngineSources.Compile().AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "static class Probe { static TorchSharp.torch.Tensor Twice(TorchSharp.torch.Tensor t) => t.mul(2.0); }", EngineSources.Parse, path: "Probe.cs"));
        var scalar = compilation.GetTypeByMetadataName("TorchSharp.Scalar");
        var probe = compilation.SyntaxTrees.Single(t => t.FilePath == "Probe.cs");
        var conversions = ImplicitScalars(compilation, probe, scalar!).Count();

        Assert.Equal(1, conversions);
    }

    /// <summary>
    /// Every implicit user-defined conversion to Scalar in the tree, from its operations (so operator operands such as
    /// the 2.0 of <c>t * 2.0</c> count as well as arguments), once per converted expression.
    /// </summary>
    private static IEnumerable<(string Path, int Line, string Text)> ImplicitScalars(CSharpCompilation compilation, SyntaxTree tree, INamedTypeSymbol scalar)
    {
        var model = compilation.GetSemanticModel(tree);
        var seen = new HashSet<TextSpan>();
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (model.GetOperation(node) is not { } operation || operation.Parent is not null)
            {
                continue; // only the roots of operation trees; their descendants are walked below
            }
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                var site = descendant switch
                {
                    IConversionOperation { IsImplicit: true, Conversion.IsUserDefined: true } conversion
                        when SymbolEqualityComparer.Default.Equals(conversion.Type, scalar) => conversion.Operand.Syntax,
                    // TorchSharp 0.107 itself converts to a Scalar implicitly in some members: its operators on a
                    // primitive (t * 2.0 is left.mul(right)), add and sub without an alpha (add(target, 1)), and what calls them.
                    IBinaryOperation { OperatorMethod: { } method } when TorchSharpMakesAScalar(method) => descendant.Syntax,
                    ICompoundAssignmentOperation { OperatorMethod: { } method } when TorchSharpMakesAScalar(method) => descendant.Syntax,
                    IInvocationOperation { TargetMethod: var method } when TorchSharpMakesAScalar(method) => descendant.Syntax,
                    _ => null,
                };
                if (site is not null && seen.Add(site.Span))
                {
                    yield return (tree.FilePath, tree.GetLineSpan(site.Span).StartLinePosition.Line + 1, site.ToString());
                }
            }
        }
    }

    /// <summary>Whether a TorchSharp member, or one it calls within TorchSharp, converts to a Scalar implicitly.</summary>
    private static bool TorchSharpMakesAScalar(IMethodSymbol method)
    {
        if (method.ContainingAssembly?.Name != "TorchSharp" || Resolve(method) is not { } info)
        {
            return false;
        }
        return MakesAScalar(info, depth: 0);
    }

    private static readonly Dictionary<MethodBase, bool> Scanned = [];

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Walks the member's IL for a call to Scalar's implicit conversion, into TorchSharp's own callees (three deep).</summary>
    private static bool MakesAScalar(MethodBase method, int depth)
    {
        lock (Scanned)
        {
            if (Scanned.TryGetValue(method, out bool known))
            {
                return known;
            }
            Scanned[method] = false; // a cycle counts as no
        }
        bool found = false;
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        for (int at = 0; at < il.Length && !found;)
        {
            short value = il[at] == 0xFE && at + 1 < il.Length ? (short)(0xFE00 | il[at + 1]) : il[at];
            if (!OpCodesByValue.TryGetValue(value, out var code))
            {
                break; // not an opcode: stop rather than misread
            }
            at += code.Size;
            if (code.OperandType == OperandType.InlineMethod)
            {
                int token = BitConverter.ToInt32(il, at);
                MethodBase? callee = null;
                try
                {
                    callee = method.Module.ResolveMethod(token, method.DeclaringType?.GetGenericArguments(),
                        method.IsGenericMethod ? method.GetGenericArguments() : null);
                }
                catch (ArgumentException)
                {
                }
                if (callee is { Name: "op_Implicit" } && callee.DeclaringType == typeof(TorchSharp.Scalar))
                {
                    found = true;
                }
                else if (callee is not null && depth < 3 && callee.Module == method.Module && MakesAScalar(callee, depth + 1))
                {
                    found = true;
                }
            }
            at += OperandSize(code.OperandType, il, at);
        }
        lock (Scanned)
        {
            Scanned[method] = found;
        }
        return found;
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };

    /// <summary>The reflection member a TorchSharp method symbol names: same type, name and parameter types.</summary>
    private static MethodBase? Resolve(IMethodSymbol method)
    {
        var definition = method.OriginalDefinition;
        var type = typeof(TorchSharp.Scalar).Assembly.GetType(MetadataName(definition.ContainingType));
        if (type is null)
        {
            return null;
        }
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        IEnumerable<MethodBase> candidates = definition.MethodKind == MethodKind.Constructor
            ? type.GetConstructors(all)
            : type.GetMethods(all).Where(m => m.Name == definition.MetadataName);
        return candidates.FirstOrDefault(m =>
        {
            var parameters = m.GetParameters();
            return parameters.Length == definition.Parameters.Length
                && parameters.Zip(definition.Parameters).All(p => p.First.ParameterType.Name == TypeName(p.Second.Type));
        });
    }

    private static string MetadataName(INamedTypeSymbol type) => type.ContainingType is { } outer
        ? $"{MetadataName(outer)}+{type.MetadataName}"
        : $"{type.ContainingNamespace.ToDisplayString()}.{type.MetadataName}";

    private static string TypeName(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => TypeName(array.ElementType) + "[]",
        IPointerTypeSymbol pointer => TypeName(pointer.PointedAtType) + "*",
        _ => type.MetadataName,
    };
}
