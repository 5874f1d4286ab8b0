"""Academic CV: education first, publications and awards, named referees."""
from ..doc import Document, Para, Seg


def build(c):
    body = c.name_blocks(style="name")
    body += c.contact_paras()
    body += c.personal_section()
    body += c.standard_sections(order=["education", "experience", "publications", "awards", "certifications",
                                       "skills", "languages", "references"])
    return Document(body, title="Curriculum Vitae", font="serif", accent="#3e2723", page_numbers=True)
