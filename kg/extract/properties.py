"""Every property and category IRI the extractors assert, in one place.

Relation Ontology ids are those of ``../shared/docs/modelling.md`` or checked against the
Biolink Model 4.x schema's ``exact_mappings`` (``biolink_model.yaml``): RO:0002292 expresses,
RO:0002206 expressed in, RO:0002100 has soma location, RO:0001025 located in, BFO:0000050
part of, RO:0004026 disease has location, RO:0002175 present in taxon, RO:0002202 develops
from, RO:0002204 gene product of, RO:0002205 has gene product, RO:0002606 is substance that
treats, RO:0003303 causes condition, RO:0002326 contributes to,
RO:0002331 involved in, RO:0002610 correlated with, RO:0002436 molecularly interacts with,
RO:0002211 regulates, RO:0002213 positively regulates, RO:0002212 negatively regulates.

The project's own properties (``kgv:``, https://scidex.ai/kg/vocab#), used where no standard
property says what the page says:

=====================  ============================================================
kgv:ungrounded         true on a minted mention node no ontology or lexicon id fits
kgv:citationKey        the citation key of a reference node (``rosen1993``)
kgv:mechanismOfAction  a drug's mechanism as a sub-table gives it (on the drug node)
kgv:conservationLevel  qualifier of a present-in-taxon statement (``High``)
kgv:cranialNerve       qualifier of a soma-location statement in a cranial nerve nucleus
kgv:confidence         qualifier: the confidence a taxonomy table gives for an id
kgv:markerType         qualifier of an expresses statement (markers table ``Type``)
kgv:markerFunction     qualifier of an expresses statement (``Function`` / bullet text)
kgv:markerDirection    qualifier of an expresses statement (``Direction``: Up / Down)
kgv:markerNote         qualifier: any other markers-table column, as ``Header: value``
kgv:geneFunction       qualifier of a ``Gene | Function`` sub-table statement
kgv:expressionLevel    qualifier of an expressed-in statement (``Tissue | Expression Level``)
kgv:lineage            the lineage chain as the page writes it (``A > B > C``)
kgv:protocol           the differentiation protocol an infobox names
kgv:protocolStage      one stage of a protocol (``Stage 1: Neural Induction (Days 0-7)``)
kgv:stage              one row of a ``Stage | Region`` table (disease or pathology stages)
kgv:infoboxField       any other infobox row that carries a value, as ``Label: value``
kgv:clinicalTrial      a clinical trial a drug sub-table lists (an NCT id)
kgv:slug               the page slug (metadata)
kgv:wikiPageId         the SciDEX wiki page id (metadata)
kgv:entityType         the SciDEX entity type (metadata)
kgv:kgNodeId           the SciDEX knowledge-graph node id, when not None (metadata)
kgv:mergedFrom         one ``__merged_from`` entry, as ``key=value`` (metadata)
=====================  ============================================================
"""

from __future__ import annotations

from kg.rdf import vocab as v

RO = v.OBO + "RO_"

# -- relations (RO / BFO) --------------------------------------------------------------------
EXPRESSES = RO + "0002292"
EXPRESSED_IN = RO + "0002206"
HAS_SOMA_LOCATION = RO + "0002100"
LOCATED_IN = RO + "0001025"
PART_OF = v.OBO + "BFO_0000050"
DISEASE_HAS_LOCATION = RO + "0004026"
PRESENT_IN_TAXON = RO + "0002175"
DEVELOPS_FROM = RO + "0002202"
GENE_PRODUCT_OF = RO + "0002204"
HAS_GENE_PRODUCT = RO + "0002205"
IS_SUBSTANCE_THAT_TREATS = RO + "0002606"
CAUSES_CONDITION = RO + "0003303"
CONTRIBUTES_TO = RO + "0002326"
INVOLVED_IN = RO + "0002331"
CORRELATED_WITH = RO + "0002610"
MOLECULARLY_INTERACTS_WITH = RO + "0002436"
REGULATES = RO + "0002211"
POSITIVELY_REGULATES = RO + "0002213"
NEGATIVELY_REGULATES = RO + "0002212"

# -- W3C vocabularies ----------------------------------------------------------------------
RDF_TYPE = v.RDF_TYPE
RDFS_LABEL = v.RDFS_LABEL
SUBCLASS_OF = v.RDFS + "subClassOf"
SAME_AS = v.OWL + "sameAs"
SKOS_NARROWER = v.SKOS + "narrower"
SKOS_BROADER = v.SKOS + "broader"
SKOS_RELATED = v.SKOS + "related"
SKOS_BROAD_MATCH = v.SKOS + "broadMatch"
SKOS_EXACT_MATCH = v.SKOS + "exactMatch"
SKOS_RELATED_MATCH = v.SKOS + "relatedMatch"
DCTERMS_IDENTIFIER = v.DCTERMS + "identifier"
XSD_BOOLEAN = v.XSD + "boolean"

# -- Biolink slots (on Assertion.biolink_predicate, or asserted where RO has no exact term) --
B = v.BIOLINK
BL_EXPRESSES = B + "expresses"
BL_EXPRESSED_IN = B + "expressed_in"
BL_LOCATED_IN = B + "located_in"
BL_PART_OF = B + "part_of"
BL_DISEASE_HAS_LOCATION = B + "disease_has_location"
BL_IN_TAXON = B + "in_taxon"
BL_DEVELOPS_FROM = B + "develops_from"
BL_SUBCLASS_OF = B + "subclass_of"
BL_SUPERCLASS_OF = B + "superclass_of"
BL_RELATED_TO = B + "related_to"
BL_BROAD_MATCH = B + "broad_match"
BL_EXACT_MATCH = B + "exact_match"
BL_SAME_AS = B + "same_as"
BL_GENE_PRODUCT_OF = B + "gene_product_of"
BL_HAS_GENE_PRODUCT = B + "has_gene_product"
BL_TREATS = B + "treats"
BL_ACTIVELY_INVOLVED_IN = B + "actively_involved_in"
BL_DIRECTLY_INTERACTS = B + "directly_physically_interacts_with"
BL_GENE_ASSOCIATED_WITH_CONDITION = B + "gene_associated_with_condition"
BL_AFFECTS = B + "affects"

# -- project vocabulary (see the table above) --------------------------------------------------
K = v.KGV
UNGROUNDED = K + "ungrounded"
CITATION_KEY = K + "citationKey"
MECHANISM_OF_ACTION = K + "mechanismOfAction"
CONSERVATION_LEVEL = K + "conservationLevel"
CRANIAL_NERVE = K + "cranialNerve"
CONFIDENCE = K + "confidence"
MARKER_TYPE = K + "markerType"
MARKER_FUNCTION = K + "markerFunction"
MARKER_DIRECTION = K + "markerDirection"
MARKER_NOTE = K + "markerNote"
GENE_FUNCTION = K + "geneFunction"
EXPRESSION_LEVEL = K + "expressionLevel"
LINEAGE = K + "lineage"
PROTOCOL = K + "protocol"
PROTOCOL_STAGE = K + "protocolStage"
STAGE = K + "stage"
INFOBOX_FIELD = K + "infoboxField"
CLINICAL_TRIAL = K + "clinicalTrial"
SLUG = K + "slug"
WIKI_PAGE_ID = K + "wikiPageId"
ENTITY_TYPE = K + "entityType"
KG_NODE_ID = K + "kgNodeId"
MERGED_FROM = K + "mergedFrom"
