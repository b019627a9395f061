package io.cloudledger.sandbox.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A small StAX-based writer for the cloud APIs' XML: exact element names, one default namespace on
 * the root (or none, as S3 errors and EC2 errors have), escaping done by the library.
 */
public final class Xml {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
  private final XMLStreamWriter writer;

  private Xml(String root, String namespace) {
    try {
      writer = FACTORY.createXMLStreamWriter(out, "UTF-8");
      writer.writeStartDocument("UTF-8", "1.0");
      if (namespace.isEmpty()) {
        writer.writeStartElement(root);
      } else {
        writer.setDefaultNamespace(namespace);
        writer.writeStartElement("", root, namespace);
        writer.writeDefaultNamespace(namespace);
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot start XML document " + root, e);
    }
  }

  /** Starts a document whose root element declares {@code namespace} as its default namespace. */
  public static Xml document(String root, String namespace) {
    return new Xml(root, namespace);
  }

  /** Starts a document without a namespace. */
  public static Xml document(String root) {
    return new Xml(root, "");
  }

  public Xml start(String name) {
    try {
      writer.writeStartElement(name);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write element " + name, e);
    }
    return this;
  }

  public Xml end() {
    try {
      writer.writeEndElement();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot close element", e);
    }
    return this;
  }

  /** Writes {@code <name>text</name>}, or {@code <name/>} when the text is empty. */
  public Xml text(String name, String text) {
    try {
      if (text.isEmpty()) {
        writer.writeEmptyElement(name);
      } else {
        writer.writeStartElement(name);
        writer.writeCharacters(text);
        writer.writeEndElement();
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write element " + name, e);
    }
    return this;
  }

  public Xml text(String name, long value) {
    return text(name, Long.toString(value));
  }

  public Xml text(String name, boolean value) {
    return text(name, Boolean.toString(value));
  }

  /** Writes text inside the element that is currently open. */
  public Xml characters(String text) {
    try {
      writer.writeCharacters(text);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write text", e);
    }
    return this;
  }

  /** Writes {@code <name/>}. */
  public Xml empty(String name) {
    return text(name, "");
  }

  /** Closes every open element and returns the UTF-8 bytes. */
  public byte[] finish() {
    try {
      writer.writeEndDocument();
      writer.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot finish XML document", e);
    }
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
