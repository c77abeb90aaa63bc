using Spectre.Console.Cli;

namespace CotForge.Cli.Infrastructure;

/// <summary>
/// A minimal <see cref="ITypeRegistrar"/> so that commands receive the injected console and environment through
/// their constructors. A full container would be one more dependency for a handful of registrations.
/// </summary>
internal sealed class TypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, List<Func<TypeResolver, object?>>> _registrations = [];

    public void Register(Type service, Type implementation) => Add(service, resolver => resolver.Construct(implementation));

    public void RegisterInstance(Type service, object implementation) => Add(service, _ => implementation);

    public void RegisterLazy(Type service, Func<object> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var lazy = new Lazy<object>(factory);
        Add(service, _ => lazy.Value);
    }

    public ITypeResolver Build() => new TypeResolver(_registrations.ToDictionary(p => p.Key, p => (IReadOnlyList<Func<TypeResolver, object?>>)[.. p.Value]));

    private void Add(Type service, Func<TypeResolver, object?> factory)
    {
        if (!_registrations.TryGetValue(service, out var list))
        {
            _registrations[service] = list = [];
        }

        list.Add(factory);
    }
}
