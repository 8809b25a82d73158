package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * XML answers of the query and REST-XML protocols as the JSON shapes the SDK's models give them:
 * an element with only text is a string, {@code member}/{@code entry} children (and repeated
 * elements named in {@code lists}) are arrays, other elements objects.
 */
final class XmlAnswers {
  private XmlAnswers() {}

  static Element parse(String xml) {
    if (xml == null || !xml.stripLeading().startsWith("<")) {
      return null;
    }
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setNamespaceAware(false);
      javax.xml.parsers.DocumentBuilder builder = f.newDocumentBuilder();
      builder.setErrorHandler(null);
      Document d = builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      return d.getDocumentElement();
    } catch (Exception e) {
      return null;
    }
  }

  /** The first descendant element named {@code name}, or null. */
  static Element find(Element root, String name) {
    if (root == null) {
      return null;
    }
    if (root.getTagName().equals(name)) {
      return root;
    }
    for (Element child : children(root)) {
      Element found = find(child, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  static String text(Element root, String name) {
    Element e = find(root, name);
    return e == null ? null : e.getTextContent();
  }

  static JsonNode toJson(Element e, Set<String> lists) {
    List<Element> kids = children(e);
    if (kids.isEmpty()) {
      return Json.NODES.textNode(e.getTextContent());
    }
    if (kids.stream().allMatch(k -> k.getTagName().equals("member") || k.getTagName().equals("entry"))) {
      ArrayNode array = Json.NODES.arrayNode();
      kids.forEach(k -> array.add(toJson(k, lists)));
      return array;
    }
    ObjectNode o = Json.object();
    for (Element k : kids) {
      String name = k.getTagName();
      if (lists.contains(name)) {
        (o.has(name) ? (ArrayNode) o.get(name) : o.putArray(name)).add(toJson(k, lists));
      } else {
        o.set(name, toJson(k, lists));
      }
    }
    return o;
  }

  static List<Element> children(Element e) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        out.add(child);
      }
    }
    return out;
  }
}
