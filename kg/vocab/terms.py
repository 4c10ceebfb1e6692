"""One named constant per RDF term kg writes or reads: every predicate, class and datatype.

Relation Ontology ids are those of ``../shared/docs/modelling.md`` or checked against the Biolink
Model 4.x schema's ``exact_mappings`` (``biolink_model.yaml``). The project's own terms (``kgv:``,
https://scidex.ai/kg/vocab#) are used where no standard property says what the page says; they
are listed with their meaning in ``docs/rdf-layout.md``. Code elsewhere names these constants and
never builds a term IRI from a namespace and a string (a test checks it).
"""

from __future__ import annotations

from kg.vocab.namespaces import (
    BIOLINK,
    DCTERMS,
    FOAF,
    KGS,
    KGV,
    OA,
    OBO,
    OIO,
    OWL,
    PROV,
    RDF,
    RDFS,
    SEMAPV,
    SH,
    SKOS,
    XSD,
)

# -- RDF -----------------------------------------------------------------------------------------
RDF_TYPE = f"{RDF}type"
RDF_STATEMENT = f"{RDF}Statement"
RDF_SUBJECT = f"{RDF}subject"
RDF_PREDICATE = f"{RDF}predicate"
RDF_OBJECT = f"{RDF}object"
RDF_VALUE = f"{RDF}value"
RDF_ABOUT = f"{RDF}about"
RDF_RESOURCE = f"{RDF}resource"
RDF_RDF = f"{RDF}RDF"
RDF_DESCRIPTION = f"{RDF}Description"
RDF_NODE_ID = f"{RDF}nodeID"
RDF_FIRST = f"{RDF}first"
RDF_REST = f"{RDF}rest"
RDF_NIL = f"{RDF}nil"

# -- RDFS ----------------------------------------------------------------------------------------
RDFS_LABEL = f"{RDFS}label"
SUBCLASS_OF = f"{RDFS}subClassOf"
RDFS_SEE_ALSO = f"{RDFS}seeAlso"
RDFS_COMMENT = f"{RDFS}comment"
RDFS_CLASS = f"{RDFS}Class"

# -- OWL -----------------------------------------------------------------------------------------
SAME_AS = f"{OWL}sameAs"
OWL_CLASS = f"{OWL}Class"
OWL_ONTOLOGY = f"{OWL}Ontology"
OWL_IMPORTS = f"{OWL}imports"
OWL_IMPORT = f"{OWL}Import"  # OWL/XML's import element
OWL_AXIOM = f"{OWL}Axiom"
OWL_VERSION_IRI = f"{OWL}versionIRI"
OWL_VERSION_INFO = f"{OWL}versionInfo"
OWL_EQUIVALENT_CLASS = f"{OWL}equivalentClass"
OWL_INTERSECTION_OF = f"{OWL}intersectionOf"
DEPRECATED = f"{OWL}deprecated"
OWL_RESTRICTION = f"{OWL}Restriction"
OWL_ON_PROPERTY = f"{OWL}onProperty"
OWL_SOME_VALUES_FROM = f"{OWL}someValuesFrom"
OWL_OBJECT_PROPERTY = f"{OWL}ObjectProperty"
OWL_ANNOTATION_PROPERTY = f"{OWL}AnnotationProperty"
OWL_THING = f"{OWL}Thing"

# -- XSD -----------------------------------------------------------------------------------------
XSD_STRING = f"{XSD}string"
XSD_INTEGER = f"{XSD}integer"
XSD_BOOLEAN = f"{XSD}boolean"
XSD_DECIMAL = f"{XSD}decimal"
XSD_DOUBLE = f"{XSD}double"
XSD_FLOAT = f"{XSD}float"
XSD_DATE_TIME = f"{XSD}dateTime"

# -- PROV ----------------------------------------------------------------------------------------
PROV_ACTIVITY = f"{PROV}Activity"
PROV_ENTITY = f"{PROV}Entity"
PROV_WAS_DERIVED_FROM = f"{PROV}wasDerivedFrom"
PROV_HAD_PRIMARY_SOURCE = f"{PROV}hadPrimarySource"
PROV_WAS_GENERATED_BY = f"{PROV}wasGeneratedBy"
PROV_USED = f"{PROV}used"

# -- OA ------------------------------------------------------------------------------------------
OA_SPECIFIC_RESOURCE = f"{OA}SpecificResource"
OA_HAS_SOURCE = f"{OA}hasSource"
OA_HAS_SELECTOR = f"{OA}hasSelector"
OA_TEXT_POSITION_SELECTOR = f"{OA}TextPositionSelector"
OA_TEXT_QUOTE_SELECTOR = f"{OA}TextQuoteSelector"
OA_START = f"{OA}start"
OA_END = f"{OA}end"
OA_EXACT = f"{OA}exact"
OA_PREFIX = f"{OA}prefix"
OA_SUFFIX = f"{OA}suffix"

# -- DCTERMS -------------------------------------------------------------------------------------
DCTERMS_CONFORMS_TO = f"{DCTERMS}conformsTo"
DCTERMS_IDENTIFIER = f"{DCTERMS}identifier"
DCTERMS_TITLE = f"{DCTERMS}title"
DCTERMS_SOURCE = f"{DCTERMS}source"
DCTERMS_LICENSE = f"{DCTERMS}license"

# -- SKOS ----------------------------------------------------------------------------------------
PREF_LABEL = f"{SKOS}prefLabel"
SKOS_ALT_LABEL = f"{SKOS}altLabel"
SKOS_NARROWER = f"{SKOS}narrower"
SKOS_BROADER = f"{SKOS}broader"
SKOS_RELATED = f"{SKOS}related"
SKOS_BROAD_MATCH = f"{SKOS}broadMatch"
SKOS_NARROW_MATCH = f"{SKOS}narrowMatch"
SKOS_EXACT_MATCH = f"{SKOS}exactMatch"
SKOS_CLOSE_MATCH = f"{SKOS}closeMatch"
SKOS_RELATED_MATCH = f"{SKOS}relatedMatch"

# -- FOAF ----------------------------------------------------------------------------------------
FOAF_PRIMARY_TOPIC = f"{FOAF}primaryTopic"

# -- OIO -----------------------------------------------------------------------------------------
OIO_HAS_EXACT_SYNONYM = f"{OIO}hasExactSynonym"
OIO_HAS_RELATED_SYNONYM = f"{OIO}hasRelatedSynonym"
OIO_HAS_NARROW_SYNONYM = f"{OIO}hasNarrowSynonym"
OIO_HAS_BROAD_SYNONYM = f"{OIO}hasBroadSynonym"

# -- SH ------------------------------------------------------------------------------------------
SH_VALIDATION_REPORT = f"{SH}ValidationReport"
SH_VALIDATION_RESULT = f"{SH}ValidationResult"
SH_CONFORMS = f"{SH}conforms"
SH_RESULT = f"{SH}result"
SH_FOCUS_NODE = f"{SH}focusNode"
SH_RESULT_PATH = f"{SH}resultPath"
SH_VALUE = f"{SH}value"
SH_RESULT_SEVERITY = f"{SH}resultSeverity"
SH_SOURCE_SHAPE = f"{SH}sourceShape"
SH_SOURCE_CONSTRAINT_COMPONENT = f"{SH}sourceConstraintComponent"
SH_RESULT_MESSAGE = f"{SH}resultMessage"
SH_VIOLATION = f"{SH}Violation"
SH_WARNING = f"{SH}Warning"
SH_INFO = f"{SH}Info"
SH_SPARQL_CONSTRAINT_COMPONENT = f"{SH}SPARQLConstraintComponent"
SH_NODE_SHAPE = f"{SH}NodeShape"
SH_MESSAGE = f"{SH}message"
SH_SEVERITY = f"{SH}severity"

# -- SEMAPV --------------------------------------------------------------------------------------
SEMAPV_MANUAL_MAPPING_CURATION = f"{SEMAPV}ManualMappingCuration"
SEMAPV_LEXICAL_MATCHING = f"{SEMAPV}LexicalMatching"
SEMAPV_UNSPECIFIED_MATCHING = f"{SEMAPV}UnspecifiedMatching"

# -- Relation Ontology and BFO ----------------------------------------------------------------------
EXPRESSES = f"{OBO}RO_0002292"  # expresses
EXPRESSED_IN = f"{OBO}RO_0002206"  # expressed in
HAS_SOMA_LOCATION = f"{OBO}RO_0002100"  # has soma location
LOCATED_IN = f"{OBO}RO_0001025"  # located in
DISEASE_HAS_LOCATION = f"{OBO}RO_0004026"  # disease has location
PRESENT_IN_TAXON = f"{OBO}RO_0002175"  # present in taxon
DEVELOPS_FROM = f"{OBO}RO_0002202"  # develops from
GENE_PRODUCT_OF = f"{OBO}RO_0002204"  # gene product of
HAS_GENE_PRODUCT = f"{OBO}RO_0002205"  # has gene product
IS_SUBSTANCE_THAT_TREATS = f"{OBO}RO_0002606"  # is substance that treats
CAUSES_CONDITION = f"{OBO}RO_0003303"  # causes condition
CONTRIBUTES_TO = f"{OBO}RO_0002326"  # contributes to
INVOLVED_IN = f"{OBO}RO_0002331"  # involved in
MOLECULARLY_INTERACTS_WITH = f"{OBO}RO_0002436"  # molecularly interacts with
REGULATES = f"{OBO}RO_0002211"  # regulates
POSITIVELY_REGULATES = f"{OBO}RO_0002213"  # positively regulates
NEGATIVELY_REGULATES = f"{OBO}RO_0002212"  # negatively regulates
PART_OF = f"{OBO}BFO_0000050"  # part of
IS_MODEL_OF = f"{OBO}RO_0003301"  # is model of (has role in modeling)
SMALL_MOLECULE_INHIBITOR_OF = f"{OBO}RO_0012006"  # is small molecule inhibitor of
IAO_DEFINITION = f"{OBO}IAO_0000115"  # definition
IAO_REPLACED_BY = f"{OBO}IAO_0100001"  # term replaced by

# -- Biolink slots ----------------------------------------------------------------------------------
BL_EXPRESSES = f"{BIOLINK}expresses"
BL_EXPRESSED_IN = f"{BIOLINK}expressed_in"
BL_LOCATED_IN = f"{BIOLINK}located_in"
BL_PART_OF = f"{BIOLINK}part_of"
BL_DISEASE_HAS_LOCATION = f"{BIOLINK}disease_has_location"
BL_IN_TAXON = f"{BIOLINK}in_taxon"
BL_DEVELOPS_FROM = f"{BIOLINK}develops_from"
BL_SUBCLASS_OF = f"{BIOLINK}subclass_of"
BL_SUPERCLASS_OF = f"{BIOLINK}superclass_of"
BL_RELATED_TO = f"{BIOLINK}related_to"
BL_RELATED_TO_AT_INSTANCE_LEVEL = f"{BIOLINK}related_to_at_instance_level"
BL_RELATED_TO_AT_CONCEPT_LEVEL = f"{BIOLINK}related_to_at_concept_level"
BL_BROAD_MATCH = f"{BIOLINK}broad_match"
BL_EXACT_MATCH = f"{BIOLINK}exact_match"
BL_SAME_AS = f"{BIOLINK}same_as"
BL_GENE_PRODUCT_OF = f"{BIOLINK}gene_product_of"
BL_HAS_GENE_PRODUCT = f"{BIOLINK}has_gene_product"
BL_TREATS = f"{BIOLINK}treats"
BL_ACTIVELY_INVOLVED_IN = f"{BIOLINK}actively_involved_in"
BL_DIRECTLY_PHYSICALLY_INTERACTS_WITH = f"{BIOLINK}directly_physically_interacts_with"
BL_GENE_ASSOCIATED_WITH_CONDITION = f"{BIOLINK}gene_associated_with_condition"
BL_AFFECTS = f"{BIOLINK}affects"
BL_ASSOCIATED_WITH = f"{BIOLINK}associated_with"
BL_REGULATES = f"{BIOLINK}regulates"
BL_TARGET_FOR = f"{BIOLINK}target_for"
BL_BIOMARKER_FOR = f"{BIOLINK}biomarker_for"
BL_CAUSES = f"{BIOLINK}causes"
BL_MODEL_OF = f"{BIOLINK}model_of"
BL_CONTRIBUTES_TO = f"{BIOLINK}contributes_to"
BL_PREDISPOSES_TO_CONDITION = f"{BIOLINK}predisposes_to_condition"
BL_PREVENTATIVE_FOR_CONDITION = f"{BIOLINK}preventative_for_condition"
BL_INTERACTS_WITH = f"{BIOLINK}interacts_with"

# -- Biolink categories -----------------------------------------------------------------------------
CELL = f"{BIOLINK}Cell"
GENE = f"{BIOLINK}Gene"
PROTEIN = f"{BIOLINK}Protein"
GENE_PRODUCT = f"{BIOLINK}GeneProduct"
GENE_OR_GENE_PRODUCT = f"{BIOLINK}GeneOrGeneProduct"
POLYPEPTIDE = f"{BIOLINK}Polypeptide"
GENE_FAMILY = f"{BIOLINK}GeneFamily"
DISEASE = f"{BIOLINK}Disease"
DISEASE_OR_PHENOTYPIC_FEATURE = f"{BIOLINK}DiseaseOrPhenotypicFeature"
PHENOTYPIC_FEATURE = f"{BIOLINK}PhenotypicFeature"
SMALL_MOLECULE = f"{BIOLINK}SmallMolecule"
CHEMICAL = f"{BIOLINK}ChemicalEntity"
MOLECULAR_ENTITY = f"{BIOLINK}MolecularEntity"
DRUG = f"{BIOLINK}Drug"
CHEMICAL_OR_DRUG_OR_TREATMENT = f"{BIOLINK}ChemicalOrDrugOrTreatment"
MOLECULAR_MIXTURE = f"{BIOLINK}MolecularMixture"
ANATOMY = f"{BIOLINK}AnatomicalEntity"
GROSS_ANATOMICAL_STRUCTURE = f"{BIOLINK}GrossAnatomicalStructure"
ANATOMICAL_STRUCTURE = f"{BIOLINK}AnatomicalStructure"
TAXON = f"{BIOLINK}OrganismTaxon"
PUBLICATION = f"{BIOLINK}Publication"
PROCESS = f"{BIOLINK}BiologicalProcess"
NAMED_THING = f"{BIOLINK}NamedThing"

# -- the project's own vocabulary (kgv:) -----------------------------------------------------------
UNGROUNDED = f"{KGV}ungrounded"
AMBIGUOUS = f"{KGV}ambiguous"  # a mention whose name several ids answer
CANDIDATE = f"{KGV}candidate"  # one of those ids
CITATION_KEY = f"{KGV}citationKey"
MECHANISM_OF_ACTION = f"{KGV}mechanismOfAction"
CONSERVATION_LEVEL = f"{KGV}conservationLevel"
CRANIAL_NERVE = f"{KGV}cranialNerve"
CONFIDENCE = f"{KGV}confidence"
MARKER_TYPE = f"{KGV}markerType"
MARKER_FUNCTION = f"{KGV}markerFunction"
MARKER_DIRECTION = f"{KGV}markerDirection"
MARKER_NOTE = f"{KGV}markerNote"
GENE_FUNCTION = f"{KGV}geneFunction"
EXPRESSION_LEVEL = f"{KGV}expressionLevel"
LINEAGE = f"{KGV}lineage"
PROTOCOL = f"{KGV}protocol"
PROTOCOL_STAGE = f"{KGV}protocolStage"
PROTOCOL_REAGENT = f"{KGV}protocolReagent"
STAGE = f"{KGV}stage"
INFOBOX_FIELD = f"{KGV}infoboxField"
SLUG = f"{KGV}slug"
WIKI_PAGE_ID = f"{KGV}wikiPageId"
ENTITY_TYPE = f"{KGV}entityType"
KG_NODE_ID = f"{KGV}kgNodeId"
MERGED_FROM = f"{KGV}mergedFrom"
WIKI_PAGE = f"{KGV}WikiPage"
URL = f"{KGV}url"
SOURCE_FILE = f"{KGV}sourceFile"
SHELL = f"{KGV}shell"
EXTRACTOR = f"{KGV}extractor"
SUBJECT_MATCH = f"{KGV}subjectMatch"
OBJECT_MATCH = f"{KGV}objectMatch"
SUBJECT_NAME = f"{KGV}subjectName"  # the name the page wrote, where a name was matched
OBJECT_NAME = f"{KGV}objectName"
SUBJECT_SOURCE = f"{KGV}subjectSource"  # the vocabulary release a name was matched in
OBJECT_SOURCE = f"{KGV}objectSource"
BIOLINK_PREDICATE = f"{KGV}biolinkPredicate"
RELATION_LABEL = f"{KGV}relationLabel"
NEGATED = f"{KGV}negated"
STATED_SUBCLASS_OF = f"{KGV}statedSubClassOf"
HEDGE = f"{KGV}hedge"
SUBJECT_FROM = f"{KGV}subjectFrom"
LINE_START = f"{KGV}lineStart"
LINE_END = f"{KGV}lineEnd"
TOOL_VERSION = f"{KGV}toolVersion"
INPUT_HASH = f"{KGV}inputHash"
ONTOLOGY = f"{KGV}ontology"
ONTOLOGY_VERSION = f"{KGV}ontologyVersion"
ONTOLOGY_MODULE = f"{KGV}ontologyModule"

# -- added for the call sites that built them by hand ----------------------------------------
NEURON = f"{OBO}CL_0000540"  # CL:0000540 neuron
SHAPE_FACT_EVIDENCE = f"{KGS}FactEvidence"
SHAPE_NON_EMPTY_LITERAL_SHAPE = f"{KGS}NonEmptyLiteralShape"
SHAPE_QUOTE_MATCHES_SOURCE = f"{KGS}QuoteMatchesSource"
SHAPE_REASONER = f"{KGS}Reasoner"
SHAPE_REASONER_CHECK = f"{KGS}ReasonerCheck"
SHAPE_SELECTOR_PARTS = f"{KGS}SelectorParts"
SHAPE_SOURCE_UNCHANGED = f"{KGS}SourceUnchanged"
SHAPE_STATEMENT_ASSERTED = f"{KGS}StatementAsserted"
