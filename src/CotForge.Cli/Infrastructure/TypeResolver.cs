using System.Reflection;
using Spectre.Console.Cli;

namespace CotForge.Cli.Infrastructure;

/// <summary>
/// Resolves a service to its last registration, <c>IEnumerable&lt;T&gt;</c> to all of them (possibly none), and
/// builds unregistered concrete types (commands, settings) through their widest constructor whose parameters can
/// all be resolved.
/// </summary>
internal sealed class TypeResolver(IReadOnlyDictionary<Type, IReadOnlyList<Func<TypeResolver, object?>>> registrations) : ITypeResolver
{
    public object? Resolve(Type? type)
    {
        if (type is null)
        {
            return null;
        }

        if (registrations.TryGetValue(type, out var factories) && factories.Count > 0)
        {
            return factories[^1](this);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var element = type.GetGenericArguments()[0];
            var all = registrations.TryGetValue(element, out var many) ? many.Select(f => f(this)).Where(o => o is not null).ToList() : [];
            var array = Array.CreateInstance(element, all.Count);
            for (int i = 0; i < all.Count; i++)
            {
                array.SetValue(all[i], i);
            }

            return array;
        }

        return Construct(type);
    }

    /// <summary>Builds a concrete type, or null when it is abstract or no constructor can be satisfied.</summary>
    public object? Construct(Type type)
    {
        if (type.IsAbstract || type.IsInterface || type.IsGenericTypeDefinition)
        {
            return null;
        }

        foreach (var constructor in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
        {
            if (TryResolveArguments(constructor, out var arguments))
            {
                return constructor.Invoke(arguments);
            }
        }

        return null;
    }

    private bool TryResolveArguments(ConstructorInfo constructor, out object?[] arguments)
    {
        var parameters = constructor.GetParameters();
        arguments = new object?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            if (type.IsPrimitive || type == typeof(string))
            {
                return false;
            }

            arguments[i] = Resolve(type);
            if (arguments[i] is null)
            {
                return false;
            }
        }

        return true;
    }
}
