/**
 * The documents' code listings, translated line by line into Java with their numpy semantics kept (advanced indexing,
 * broadcasting, references), so that a notebook runs each listing as printed and compares it with the library
 * ({@code softmaxlab.math}) and with central differences. One class per document, e.g. {@link
 * softmaxlab.listings.Listing004}. Imports only {@code softmaxlab.math}.
 */
package softmaxlab.listings;
