namespace LocalityLab.Shared.Registries;

/// <summary>
/// The variants of one kind (study conditions, data sources, study measures, pruning strategies, samplers) by key: the
/// built-in ones in their order, then any registered after them while their handle lives (a variant of one's own, or a
/// test's). Reading is lock-free: a registration swaps in a new list.
/// </summary>
public sealed class Registry<T> where T : class
{
    private readonly string _kind;
    private readonly Func<T, string> _key;
    private readonly Lock _registering = new();
    private T[] _items;

    /// <param name="kind">What a variant is called in messages ("study condition").</param>
    public Registry(string kind, Func<T, string> key, IEnumerable<T> builtIn)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(builtIn);
        _kind = kind;
        _key = key;
        _items = [.. builtIn];
    }

    /// <summary>Every variant, built-in ones first.</summary>
    public IReadOnlyList<T> All => Volatile.Read(ref _items);

    /// <summary>The keys, for messages: "imp, gaussianClone, ...".</summary>
    public string Allowed => string.Join(", ", All.Select(_key));

    /// <summary>The variant registered under <paramref name="key"/> in any letter case, or null.</summary>
    public T? Find(string? key) => All.FirstOrDefault(item => string.Equals(_key(item), key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds <paramref name="item"/> after the others until the returned handle is disposed; a key already registered, in any letter case, is refused.</summary>
    public IDisposable Register(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_registering)
        {
            if (Find(_key(item)) is not null)
            {
                throw new ArgumentException($"A {_kind} is already registered as '{_key(item)}'.", nameof(item));
            }
            Volatile.Write(ref _items, [.. _items, item]);
        }
        return new Registration(this, item);
    }

    private sealed class Registration(Registry<T> registry, T item) : IDisposable
    {
        public void Dispose()
        {
            lock (registry._registering)
            {
                Volatile.Write(ref registry._items, [.. registry._items.Where(i => !ReferenceEquals(i, item))]);
            }
        }
    }
}
